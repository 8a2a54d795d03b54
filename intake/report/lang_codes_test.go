package report

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"io"
	"maps"
	"reflect"
	"slices"
	"testing"
)

// CSV: the header follows the language; the records' codes and numbers
// do not (issue 14: codes in csv/json stay stable for machines, labels
// follow the language).
func TestCSVHeadersFollowTheLanguage(t *testing.T) {
	records := func(write func(io.Writer) error) [][]string {
		t.Helper()
		r, err := csv.NewReader(bytes.NewReader(render(t, write))).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	stEN, fEN := pilotReportsIn(t, 5, ByAll, LangEN)
	stNB, fNB := pilotReportsIn(t, 5, ByAll, LangNB)
	for _, c := range []struct {
		name     string
		en, nb   [][]string
		wantNB   []string
		codeCols []int // columns of codes and numbers
	}{
		{"stats", records(func(w io.Writer) error { return WriteStatsCSV(w, stEN) }),
			records(func(w io.Writer) error { return WriteStatsCSV(w, stNB) }),
			[]string{"gruppe", "pasienter", "utfall", "antall", "prosent", "gruppe_tekst", "utfall_tekst"}, []int{0, 1, 2, 3, 4}},
		{"funnel", records(func(w io.Writer) error { return WriteFunnelCSV(w, fEN) }),
			records(func(w io.Writer) error { return WriteFunnelCSV(w, fNB) }),
			[]string{"periode", "steg", "antall", "prosent_av_mottatte", "median_dager_fra_mottatt", "steg_tekst"}, []int{0, 1, 2, 3, 4}},
	} {
		if !reflect.DeepEqual(c.nb[0], c.wantNB) {
			t.Errorf("%s: nb header %v, want %v", c.name, c.nb[0], c.wantNB)
		}
		if reflect.DeepEqual(c.en[0], c.nb[0]) {
			t.Errorf("%s: the header is the same in both languages", c.name)
		}
		if len(c.en) != len(c.nb) {
			t.Fatalf("%s: %d records in English, %d in bokmål", c.name, len(c.en), len(c.nb))
		}
		labelsDiffer := false
		for i := 1; i < len(c.en); i++ {
			for _, j := range c.codeCols {
				if c.en[i][j] != c.nb[i][j] {
					t.Errorf("%s record %d column %d: %q in English, %q in bokmål", c.name, i, j, c.en[i][j], c.nb[i][j])
				}
			}
			labelsDiffer = labelsDiffer || c.en[i][len(c.en[i])-1] != c.nb[i][len(c.nb[i])-1]
		}
		if !labelsDiffer {
			t.Errorf("%s: the labels do not follow the language", c.name)
		}
	}
}

// proseKeys are the JSON fields that are words for people: they follow
// the language. Every other field is a code or a number, the same in
// both.
var proseKeys = map[string]bool{"label": true, "note": true, "warning": true, "deadline_met_means": true, "lang": true}

// withoutProse returns v with the prose fields taken out, and collects
// them.
func withoutProse(v any, prose *[]string) any {
	switch v := v.(type) {
	case map[string]any:
		out := map[string]any{}
		keys := slices.Sorted(maps.Keys(v)) // the same order in both
		for _, k := range keys {
			x := v[k]
			if proseKeys[k] {
				if s, ok := x.(string); ok {
					*prose = append(*prose, k+"="+s)
				}
				continue
			}
			out[k] = withoutProse(x, prose)
		}
		return out
	case []any:
		out := make([]any, len(v))
		for i, x := range v {
			out[i] = withoutProse(x, prose)
		}
		return out
	}
	return v
}

// JSON: every code and number the same in both languages; every label and
// sentence in the report's language, the chi-square warning and what
// "met" means included; and the language named.
func TestJSONCodesStableLabelsFollowTheLanguage(t *testing.T) {
	for _, minCell := range []int{0, 5} {
		stEN, fEN := pilotReportsIn(t, minCell, ByMonth, LangEN)
		stNB, fNB := pilotReportsIn(t, minCell, ByMonth, LangNB)
		for _, c := range []struct {
			name   string
			en, nb []byte
		}{
			{"stats", render(t, func(w io.Writer) error { return WriteStatsJSON(w, stEN) }), render(t, func(w io.Writer) error { return WriteStatsJSON(w, stNB) })},
			{"funnel", render(t, func(w io.Writer) error { return WriteFunnelJSON(w, fEN) }), render(t, func(w io.Writer) error { return WriteFunnelJSON(w, fNB) })},
		} {
			var en, nb any
			if err := json.Unmarshal(c.en, &en); err != nil {
				t.Fatal(err)
			}
			if err := json.Unmarshal(c.nb, &nb); err != nil {
				t.Fatal(err)
			}
			var proseEN, proseNB []string
			if a, b := withoutProse(en, &proseEN), withoutProse(nb, &proseNB); !reflect.DeepEqual(a, b) {
				t.Errorf("%s min-cell %d: codes or numbers differ between the languages", c.name, minCell)
			}
			if len(proseEN) != len(proseNB) {
				t.Fatalf("%s: %d prose fields in English, %d in bokmål", c.name, len(proseEN), len(proseNB))
			}
			if en.(map[string]any)["lang"] != "en" || nb.(map[string]any)["lang"] != "nb" {
				t.Errorf("%s: the language is not named: %v, %v", c.name, en.(map[string]any)["lang"], nb.(map[string]any)["lang"])
			}
			// Every sentence (not a service label, not a bare mark)
			// differs: none is left in English.
			for i := range proseEN {
				k := proseEN[i][:bytes.IndexByte([]byte(proseEN[i]), '=')]
				if k != "label" && proseEN[i] == proseNB[i] {
					t.Errorf("%s min-cell %d: %s is English in bokmål", c.name, minCell, proseNB[i])
				}
			}
		}
	}
}
