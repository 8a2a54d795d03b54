package report

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"envei/intake"
)

// Tallies alike in everything but N become one with the Ns summed; any
// other difference keeps them apart; the sum keeps its own copy of the
// outcomes, since a store reuses the slice.
func TestTallySumSumsAlikeTallies(t *testing.T) {
	codes := []string{"dps", "municipal"}
	a := Tally{N: 2, Channel: intake.ChannelGP, AddressedTo: intake.AddressedDPS, State: intake.StateRouted,
		Outcomes: codes, DaysToFirst: 3, DaysToRouted: 3, DaysToWithdrawn: NoDays, Deadline: DeadlineNone}
	var s TallySum
	for _, add := range []Tally{a, func() Tally { b := a; b.N = 5; return b }()} {
		if err := s.Add(add); err != nil {
			t.Fatal(err)
		}
	}
	codes[0] = "reception" // the store's buffer, reused
	other := a
	other.Outcomes = []string{"dps"}
	if err := s.Add(other); err != nil {
		t.Fatal(err)
	}
	got := s.Tallies()
	if len(got) != 2 || got[0].N != 7 || got[1].N != 2 || strings.Join(got[0].Outcomes, "+") != "dps+municipal" {
		t.Fatalf("sum: %+v", got)
	}
	if s.N() != 9 {
		t.Errorf("N = %d, want 9", s.N())
	}
	// Halves and consultations count no referral of their own.
	for _, p := range []TallyPart{TallyClose, TallyConsultations} {
		c := a
		c.Part = p
		if err := s.Add(c); err != nil {
			t.Fatal(err)
		}
	}
	if s.N() != 9 {
		t.Errorf("N with halves and consultations = %d, want 9", s.N())
	}
}

// Two tallies that differ in any field but N must not be summed: every
// field of Tally is part of the key. A field added to Tally and not to
// tallyKey fails here.
func TestTallyKeyCoversEveryField(t *testing.T) {
	base := Tally{}
	typ := reflect.TypeOf(base)
	for i := range typ.NumField() {
		f := typ.Field(i)
		if f.Name == "N" {
			continue
		}
		changed := base
		v := reflect.ValueOf(&changed).Elem().Field(i)
		switch v.Kind() {
		case reflect.String:
			v.SetString("x")
		case reflect.Int:
			v.SetInt(4)
		case reflect.Bool:
			v.SetBool(true)
		case reflect.Slice:
			v.Set(reflect.ValueOf([]string{"dps"}))
		case reflect.Struct:
			switch f.Type {
			case reflect.TypeOf(intake.Date{}):
				v.Set(reflect.ValueOf(intake.MustParseDate("2026-01-05")))
			case reflect.TypeOf(intake.ConsultationCounts{}):
				v.Set(reflect.ValueOf(intake.ConsultationCounts{GP: 1}))
			default:
				t.Fatalf("field %s of type %s: teach this test to change it, and add it to tallyKey", f.Name, f.Type)
			}
		default:
			t.Fatalf("field %s of kind %s: teach this test to change it, and add it to tallyKey", f.Name, v.Kind())
		}
		if keyOf(changed) == keyOf(base) {
			t.Errorf("Tally.%s is not in tallyKey: tallies differing in it would be summed", f.Name)
		}
	}
}

func TestMergeCatalogues(t *testing.T) {
	def := intake.DefaultCatalogue()
	merged, differ := MergeCatalogues(def, intake.DefaultCatalogue())
	if differ || !reflect.DeepEqual(merged, def) {
		t.Fatalf("the same catalogue twice: differ %v, %v", differ, merged)
	}
	// The second names DPS otherwise, lacks the specialist and has ACT.
	second := []intake.Service{{Code: "act", LabelNB: "ACT-team", LabelEN: "ACT team", Category: intake.CategorySpecialised}}
	for _, s := range intake.DefaultCatalogue() {
		switch s.Code {
		case "specialist":
			continue
		case "dps":
			s.LabelEN = "DPS Nord"
		}
		second = append(second, s)
	}
	merged, differ = MergeCatalogues(def, second)
	if !differ {
		t.Error("different catalogues are not said to differ")
	}
	var codes []string
	for _, s := range merged {
		codes = append(codes, s.Code)
	}
	want := "dps municipal eating_disorder_clinic addiction_clinic specialist reception no_need did_not_attend act"
	if strings.Join(codes, " ") != want {
		t.Errorf("merged codes %v, want %s", codes, want)
	}
	if merged[0].LabelEN != "DPS (outpatient clinic)" {
		t.Errorf("dps is labelled %q, not as the first catalogue does", merged[0].LabelEN)
	}
	// Each difference alone is one.
	for name, cats := range map[string][][]intake.Service{
		"lacks one":      {def, def[:len(def)-1]},
		"one more":       {def[:len(def)-1], def},
		"other label":    {def, relabel(def, 1, "Municipality")},
		"other category": {def, recategorise(def, 0, intake.CategorySpecialised)},
	} {
		if _, differ := MergeCatalogues(cats...); !differ {
			t.Errorf("%s: not said to differ", name)
		}
	}
}

func relabel(cat []intake.Service, i int, en string) []intake.Service {
	out := append([]intake.Service(nil), cat...)
	out[i].LabelEN = en
	return out
}

func recategorise(cat []intake.Service, i int, c intake.Category) []intake.Service {
	out := append([]intake.Service(nil), cat...)
	out[i].Category = c
	return out
}

// feedTallies hands b the rows as a store hands them: the statistics'
// tallies without a period, the months' with one.
func feedTallies(t *testing.T, b interface {
	Span(first, last intake.Date)
	AddStatsTally(Tally) error
	AddMonthTally(Tally) error
}, rows []Row) {
	t.Helper()
	for _, r := range rows {
		b.Span(r.Received, r.Received)
		st := TallyOf(r)
		st.Period = intake.Date{}
		if err := b.AddStatsTally(st); err != nil {
			t.Fatal(err)
		}
		if err := b.AddMonthTally(TallyOf(r)); err != nil {
			t.Fatal(err)
		}
	}
}

// receptionsOf splits rows at random into n receptions.
func receptionsOf(rng *rand.Rand, rows []Row, n int) [][]Row {
	out := make([][]Row, n)
	for _, r := range rows {
		i := rng.IntN(n)
		out[i] = append(out[i], r)
	}
	return out
}

func regionReports(t *testing.T, parts [][]Row, opts StatsOptions, by By) (Stats, Funnel) {
	t.Helper()
	var recs []Reception
	for i := range parts {
		recs = append(recs, Reception{Name: string(rune('A' + i)), Catalogue: intake.DefaultCatalogue()})
	}
	rb, err := NewRegion(opts, by, recs)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range parts {
		feedTallies(t, rb, p)
	}
	s, f, err := rb.Result()
	if err != nil {
		t.Fatal(err)
	}
	return s, f
}

// The region report counts what the receptions count together: every
// cell of its routing table and funnel is the sum of the receptions'
// cells, and the whole report is the one of all their referrals together
// (waits included), but for naming its receptions.
func TestRegionReportIsTheSumOfItsReceptions(t *testing.T) {
	rng := rand.New(rand.NewPCG(15, 3))
	rows := randomRows(rng, 900, intake.MustParseDate("2025-01-06"), 200)
	parts := receptionsOf(rng, rows, 3)
	opts := StatsOptions{Catalogue: intake.DefaultCatalogue(), Today: pilotToday}
	rs, rf := regionReports(t, parts, opts, ByMonth)

	all, err := NewReports(opts, ByMonth)
	if err != nil {
		t.Fatal(err)
	}
	feedTallies(t, all, rows)
	ws, wf := all.Result()
	ws.Region, wf.Region = rs.Region, rf.Region
	if !reflect.DeepEqual(rs, ws) {
		t.Error("the region's statistics are not those of all its referrals together")
	}
	if !reflect.DeepEqual(rf, wf) {
		t.Error("the region's funnel is not that of all its referrals together")
	}
	if strings.Join(rs.Region.Receptions, ",") != "A,B,C" || rs.Region.CataloguesDiffer {
		t.Errorf("region %+v", rs.Region)
	}

	// Cell by cell: the sum of the receptions' own reports.
	sum := map[string]int{}
	stages := map[string]int{}
	for _, p := range parts {
		b, err := NewReports(opts, ByMonth)
		if err != nil {
			t.Fatal(err)
		}
		feedTallies(t, b, p)
		s, f := b.Result()
		for k, n := range routingCounts(s.Routing) {
			sum[k] += n
		}
		for _, per := range f.Periods {
			for _, st := range per.Stages {
				stages[per.Period+"/"+string(st.Stage)] += st.Count.N
			}
		}
	}
	got := routingCounts(rs.Routing)
	if !reflect.DeepEqual(got, sum) {
		t.Errorf("routing cells %v, the receptions' sum %v", got, sum)
	}
	if got["total/patients"] != len(rows) {
		t.Errorf("total %d, want %d", got["total/patients"], len(rows))
	}
	for _, per := range rf.Periods {
		for _, st := range per.Stages {
			k := per.Period + "/" + string(st.Stage)
			if st.Count.N != stages[k] {
				t.Errorf("funnel %s: %d, the receptions' sum %d", k, st.Count.N, stages[k])
			}
		}
	}
}

// routingCounts maps row/column to count, the columns' patients too.
func routingCounts(tb Table) map[string]int {
	out := map[string]int{}
	for _, c := range tb.Columns {
		out[c.Code+"/patients"] = c.Total.N
	}
	for _, r := range tb.Rows {
		for j, c := range r.Cells {
			out[tb.Columns[j].Code+"/"+r.Code] = c.N
		}
	}
	return out
}

// Suppression is applied to the sum: three receptions with one patient
// each at the eating-disorder clinic hide it in their own reports with
// --min-cell 3 and show 3 in the region's, which is itself protected.
func TestRegionSuppressesTheSum(t *testing.T) {
	pilot := pilotRows()
	opts := StatsOptions{Catalogue: intake.DefaultCatalogue(), Today: pilotToday, MinCell: 3}
	one, _ := pilotReports(t, 3, ByMonth)
	if c := cellOf(t, one.Routing, "eating_disorder_clinic", "total"); !c.Hidden() {
		t.Fatalf("one reception shows its eating-disorder count: %+v", c)
	}
	rs, rf := regionReports(t, [][]Row{pilot, pilot, pilot}, opts, ByMonth)
	if c := cellOf(t, rs.Routing, "eating_disorder_clinic", "total"); c.Hidden() || c.N != 3 {
		t.Errorf("the region's eating-disorder count: %+v, want 3 shown", c)
	}
	assertProtected(t, rs)
	for _, p := range rf.Periods {
		for _, s := range p.Stages {
			if !s.Count.Hidden() && s.Count.N >= 1 && s.Count.N < 3 {
				t.Errorf("funnel %s %s shows %d", p.Period, s.Stage, s.Count.N)
			}
		}
	}
}

// A service one reception has and another lacks is counted; its label is
// the first reception's that has it.
func TestRegionCountsAServiceOfOneReception(t *testing.T) {
	act := intake.Service{Code: "act", LabelNB: "ACT-team", LabelEN: "ACT team", Category: intake.CategorySpecialised}
	second := append(intake.DefaultCatalogue(), act)
	rows := pilotRows()
	var moved int
	var northRows []Row
	for _, r := range rows {
		if r.State == intake.StateRouted && len(r.Outcomes) == 1 && r.Outcomes[0] == "dps" && moved < 4 {
			r.Outcomes = []string{"act"}
			moved++
		}
		northRows = append(northRows, r)
	}
	rb, err := NewRegion(StatsOptions{Today: pilotToday}, ByAll, []Reception{
		{Name: "Sør", Catalogue: intake.DefaultCatalogue()}, {Name: "Nord", Catalogue: second}})
	if err != nil {
		t.Fatal(err)
	}
	feedTallies(t, rb, rows)
	feedTallies(t, rb, northRows)
	s, _, err := rb.Result()
	if err != nil {
		t.Fatal(err)
	}
	if !s.Region.CataloguesDiffer {
		t.Error("the catalogues are not said to differ")
	}
	if c := cellOf(t, s.Routing, "act", "total"); c.N != 4 {
		t.Errorf("act: %+v, want 4", c)
	}
	if c := cellOf(t, s.Routing, "dps", "total"); c.N != 34+34-4 {
		t.Errorf("dps: %+v, want 64", c)
	}
	var text bytes.Buffer
	if err := WriteStatsText(&text, s); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(text.String(), "ACT team") || !strings.Contains(text.String(), "catalogues differ") {
		t.Errorf("the text lacks the service or the note:\n%s", text.String())
	}
}

// Every format says which receptions a region report covers, in the
// report's language; one reception's report says nothing of regions.
func TestRegionReportNamesItsReceptions(t *testing.T) {
	pilot := pilotRows()
	for _, lang := range []Lang{LangEN, LangNB} {
		opts := StatsOptions{Catalogue: intake.DefaultCatalogue(), Today: pilotToday, Lang: lang, MinCell: 5}
		s, f := regionReports(t, [][]Row{pilot, pilot}, opts, ByMonth)
		s.Region.Receptions = []string{"Mottak Sør", "Mottak Nord"}
		s.Region.CataloguesDiffer = true
		f.Region = s.Region
		region := "Region report"
		if lang == LangNB {
			region = "Regionrapport"
		}
		outputs := map[string][]byte{}
		for name, write := range map[string]func(*bytes.Buffer) error{
			"stats text": func(b *bytes.Buffer) error { return WriteStatsText(b, s) },
			"stats md":   func(b *bytes.Buffer) error { return WriteStatsMarkdown(b, s) },
			"stats svg":  func(b *bytes.Buffer) error { return WriteStatsSVG(b, s) },
			"funnel md":  func(b *bytes.Buffer) error { return WriteFunnelMarkdown(b, f) },
			"funnel svg": func(b *bytes.Buffer) error { return WriteFunnelSVG(b, f) },
		} {
			var b bytes.Buffer
			if err := write(&b); err != nil {
				t.Fatal(err)
			}
			outputs[name] = b.Bytes()
		}
		for _, name := range []string{"stats text", "stats md", "funnel md"} {
			out := string(outputs[name])
			if !strings.Contains(out, region) || !strings.Contains(out, "Mottak Nord") || !strings.Contains(out, cataloguesDiffer(lang)[:20]) {
				t.Errorf("%s %s does not name the region:\n%s", lang, name, out)
			}
		}
		for _, name := range []string{"stats svg", "funnel svg"} {
			texts := strings.Join(svgTexts(t, outputs[name]), " ")
			if !strings.Contains(texts, "Mottak Sør") || strings.Contains(texts, lang.t("Source: envei, the reception's referrals.")) {
				t.Errorf("%s %s source: %s", lang, name, texts)
			}
		}
		for name, write := range map[string]func(*bytes.Buffer) error{
			"stats":  func(b *bytes.Buffer) error { return WriteStatsJSON(b, s) },
			"funnel": func(b *bytes.Buffer) error { return WriteFunnelJSON(b, f) },
		} {
			var b bytes.Buffer
			if err := write(&b); err != nil {
				t.Fatal(err)
			}
			var j struct {
				Receptions []string `json:"receptions"`
				Differ     bool     `json:"catalogues_differ"`
			}
			if err := json.Unmarshal(b.Bytes(), &j); err != nil {
				t.Fatal(err)
			}
			if strings.Join(j.Receptions, ",") != "Mottak Sør,Mottak Nord" || !j.Differ {
				t.Errorf("%s json: %+v", name, j)
			}
		}
		var xb bytes.Buffer
		if err := WriteStatsXLSX(&xb, s); err != nil {
			t.Fatal(err)
		}
		x, err := excelize.OpenReader(&xb)
		if err != nil {
			t.Fatal(err)
		}
		for _, sheet := range x.GetSheetList() {
			if v, _ := x.GetCellValue(sheet, "A2"); !strings.Contains(v, "Mottak Sør") {
				t.Errorf("%s sheet %s: A2 is %q", lang, sheet, v)
			}
		}
	}
	// One reception's report is as it was.
	one, _ := pilotReports(t, 0, ByMonth)
	var b bytes.Buffer
	if err := WriteStatsText(&b, one); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(b.String(), "Region") {
		t.Error("one reception's report speaks of a region")
	}
}
