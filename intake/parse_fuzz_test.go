package intake

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"envei/internal/fuzzcheck"
)

// Fuzz targets for the small parsers: dates, times of day and instrument
// item entry. Their corpus is testdata/fuzz/intake/<target> at the top of
// the repository (intake/testdata/fuzz links there); plain go test replays
// it.

// sourceVocab is this package's source text, against which fuzz targets
// check that an error message is made of the program's own words.
var sourceVocab = sync.OnceValue(func() string { return fuzzcheck.Vocabulary(".") })

// checkNoLeak fails when the error text repeats personal data from input.
func checkNoLeak(t *testing.T, text string, input []byte) {
	t.Helper()
	if leak := fuzzcheck.Leak(text, input, sourceVocab()); leak != "" {
		t.Fatalf("error %q repeats %q from the input", text, leak)
	}
}

// wantDate is an oracle for ParseDate written without the time package:
// exactly YYYY-MM-DD, a real day of the proleptic Gregorian calendar, and
// not 0001-01-01, which is the zero Date ("no date") and so cannot be a
// parsed value.
func wantDate(s string) (y, m, d int, ok bool) {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return 0, 0, 0, false
	}
	num := func(p string) int {
		n := 0
		for _, c := range []byte(p) {
			if c < '0' || c > '9' {
				return -1
			}
			n = n*10 + int(c-'0')
		}
		return n
	}
	y, m, d = num(s[:4]), num(s[5:7]), num(s[8:])
	if y < 0 || m < 1 || m > 12 || d < 1 {
		return 0, 0, 0, false
	}
	days := [13]int{0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}[m]
	if m == 2 && y%4 == 0 && (y%100 != 0 || y%400 == 0) {
		days = 29
	}
	if d > days || (y == 1 && m == 1 && d == 1) {
		return 0, 0, 0, false
	}
	return y, m, d, true
}

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{
		"2024-02-29", "2023-02-29", "1900-02-29", "2000-02-29", "0000-01-01", "0001-01-01",
		"0001-01-02", "9999-12-31", "2024-13-01", "2024-00-10", "2024-04-31", "2024-1-01",
		"24-01-01", "2024/01/01", "+024-01-01", "2024-01-01T00:00:00Z", "", "2024-01-0\x00",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDate(s)
		y, m, day, ok := wantDate(s)
		if err != nil {
			if err != ErrBadDate {
				t.Fatalf("error %v is not ErrBadDate", err)
			}
			checkNoLeak(t, err.Error(), []byte(s))
			if ok {
				t.Fatalf("%q refused, want %04d-%02d-%02d", s, y, m, day)
			}
			return
		}
		if !ok {
			t.Fatalf("%q accepted as %v", s, d)
		}
		if d.IsZero() {
			t.Fatalf("%q parsed to the zero Date, which means no date", s)
		}
		if d.Year() != y || int(d.Month()) != m || d.Day() != day {
			t.Fatalf("%q parsed to %v", s, d)
		}
		if d.String() != s {
			t.Fatalf("%q formats back as %q", s, d.String())
		}
		text, _ := d.MarshalText()
		var back Date
		if err := back.UnmarshalText(text); err != nil || !back.Equal(d) {
			t.Fatalf("%q: text round trip gave %v, %v", s, back, err)
		}
	})
}

func FuzzParseClock(f *testing.F) {
	for _, s := range []string{
		"09:00", "9:05", " 23:59 ", "24:00", "00:00", "0:00", "12:60", "12:5", "123:00",
		":30", "12:", "1230", "12.30", "-1:00", "+9:05", "٩:05", "12:30:00", "\t7:45\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := ParseClock(s)
		h, m, found := strings.Cut(strings.TrimSpace(s), ":")
		want := ""
		if hh, mm := atoiOracle(h), atoiOracle(m); found && len(h) >= 1 && len(h) <= 2 && len(m) == 2 &&
			hh >= 0 && hh <= 23 && mm >= 0 && mm <= 59 {
			want = fmt.Sprintf("%02d:%02d", hh, mm)
		}
		if err != nil {
			if err != ErrBadClock {
				t.Fatalf("error %v is not ErrBadClock", err)
			}
			if want != "" {
				t.Fatalf("%q refused, want %s", s, want)
			}
			return
		}
		if got != want {
			t.Fatalf("%q gave %q, want %q", s, got, want)
		}
		if again, err := ParseClock(got); err != nil || again != got {
			t.Fatalf("%q: re-parsing %q gave %q, %v", s, got, again, err)
		}
	})
}

// atoiOracle reads ASCII digits only; -1 for anything else or nothing.
func atoiOracle(s string) int {
	if s == "" {
		return -1
	}
	n := 0
	for _, c := range []byte(s) {
		if c < '0' || c > '9' {
			return -1
		}
		n = n*10 + int(c-'0')
	}
	return n
}

func FuzzParseItems(f *testing.F) {
	for _, in := range append(slices.Clone(Instruments), "x") {
		for _, s := range []string{"", "0", "2 2 1 0", "2210", "3,3;3\t3", "333333333", "3333333333",
			"4", "0000000033", "0000000022", "a", "1 2 x", "١٢", "-1", "2\x002"} {
			f.Add(string(in), s)
		}
	}
	f.Fuzz(func(t *testing.T, inst, s string) {
		in := Instrument(inst)
		items, err := ParseItems(in, s)
		if err != nil {
			var fe FieldError
			if !errors.As(err, &fe) || fe.Reason == "" ||
				(fe.Column != inst && !strings.HasPrefix(fe.Column, inst+".item_")) {
				t.Fatalf("error %v is not a FieldError naming the instrument or an item", err)
			}
			// The column is the caller's instrument code; the reason is
			// what must not repeat what was typed.
			checkNoLeak(t, fe.Reason, []byte(s))
			return
		}
		digits := 0
		for _, c := range s {
			switch {
			case c >= '0' && c <= '9':
				digits++
			case c == ' ' || c == ',' || c == ';' || c == '\t':
			default:
				t.Fatalf("%q accepted with %q in it", s, c)
			}
		}
		if len(items) != digits || len(items) > in.ItemCount() {
			t.Fatalf("%q gave %d items for %d digits, %s has %d", s, len(items), digits, inst, in.ItemCount())
		}
		for n, v := range items {
			if !in.ValidItemScore(n+1, v) {
				t.Fatalf("%q: item %d accepted with score %d", s, n+1, v)
			}
		}
		again, err := ParseItems(in, FormatItems(items))
		if err != nil || !slices.Equal(again, items) {
			t.Fatalf("%q: FormatItems gave %q, which parses to %v, %v", s, FormatItems(items), again, err)
		}
	})
}

// TestParseDateZero pins the boundary the date oracle caught: the zero
// Date stands for "no date", so the day it falls on cannot be typed in.
func TestParseDateZero(t *testing.T) {
	if d, err := ParseDate("0001-01-01"); err == nil {
		t.Errorf("0001-01-01 parsed to %v (zero %v): a typed date would silently become no date", d, d.IsZero())
	}
	if d, err := ParseDate("0001-01-02"); err != nil || d.Time() != time.Date(1, 1, 2, 0, 0, 0, 0, time.UTC) {
		t.Errorf("0001-01-02: %v, %v", d, err)
	}
}

// FuzzAssessmentJSON decodes a stored assessment (the store keeps each
// version as JSON, and a damaged or hand-edited database can hold
// anything). A value that decodes must survive Validate and encode to JSON
// that decodes to the same encoding; Validate's reasons, which the console
// shows, must not repeat what the clinician wrote.
func FuzzAssessmentJSON(f *testing.F) {
	full, err := json.Marshal(Assessment{
		ReasonOwnWords: "Søvnløs i tre uker", MinorChildren: Yes, ChildrenFollowUp: "Barnet bor hos far",
		Instruments: map[Instrument]Answers{InstrumentPHQ9: {Items: []int{3, 3, 3, 3, 3, 3, 3, 3, 1}}},
		Risk:        Risk{Suicide: RiskLow},
		Rights: RightsAssessment{Right: Yes, LatestStart: MustParseDate("2026-12-01"), Priority: PriorityOrdinary,
			DecidedAt: MustParseDate("2026-11-20")},
		Recommendation: []string{"dps"},
	})
	if err != nil {
		f.Fatal(err)
	}
	f.Add(full)
	f.Add([]byte(`{}`))
	f.Add([]byte(`null`))
	f.Add([]byte(`{"Instruments":{"phq9":{"Items":[9,-1,3]},"bdi":{}}}`))
	f.Add([]byte(`{"Rights":{"LatestStart":"0001-01-01","DecidedAt":"2026-02-30"}}`))
	f.Add([]byte(`{"ReasonOwnWords":"\u0000\ud800","MinorChildren":"kanskje","Recommendation":[""]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var a Assessment
		if err := json.Unmarshal(data, &a); err != nil {
			return
		}
		var reasons []string
		for _, fe := range a.Validate() {
			reasons = append(reasons, fe.Column+": "+fe.Reason)
		}
		checkNoLeak(t, strings.Join(reasons, "\n"), data)
		enc, err := json.Marshal(a)
		if err != nil {
			t.Fatalf("decoded, but does not encode: %v", err)
		}
		var b Assessment
		if err := json.Unmarshal(enc, &b); err != nil {
			t.Fatalf("%s does not decode: %v", enc, err)
		}
		if again, _ := json.Marshal(b); !bytes.Equal(again, enc) {
			t.Fatalf("encoding changed on a round trip:\n%s\n%s", enc, again)
		}
	})
}

// TestDecoderMemoryBounded streams 32 MiB shaped in the ways a file that is
// not what it claims can be, and checks that the decoder reports a problem
// while allocating a small fraction of what it read: a field limit error,
// never growth. TestDecoderRunawayQuote covers the unclosed quote.
func TestDecoderMemoryBounded(t *testing.T) {
	const size = 32 << 20
	head := "ref,received,channel,name\n"
	for _, tt := range []struct {
		name   string
		stream func() io.Reader
		header bool // the problem is in the header
	}{
		{"unquoted field without a line end", func() io.Reader {
			return io.MultiReader(strings.NewReader(head+"R1,2024-01-01,self,"), io.LimitReader(repeatReader('x'), size))
		}, false},
		{"millions of empty fields", func() io.Reader {
			return io.MultiReader(strings.NewReader(head+"R1,2024-01-01,self,"), io.LimitReader(repeatReader(','), size))
		}, false},
		{"CR line ends only", func() io.Reader {
			return io.MultiReader(strings.NewReader(strings.ReplaceAll(head, "\n", "\r")),
				io.LimitReader(repeatString("R1,2024-01-01,self,Kari\r"), size))
		}, true},
		{"binary without line ends", func() io.Reader {
			return io.LimitReader(repeatString("\x00\xff\x01\xfe,\"\x00"), size)
		}, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			var err error
			d, err := NewDecoder(tt.stream(), testRules())
			if err == nil {
				for err == nil {
					_, _, err = d.Next()
				}
			}
			runtime.ReadMemStats(&after)
			var re RowErrors
			if !errors.As(err, &re) {
				t.Fatalf("got %v, want a row error", err)
			}
			if (re[0].Line == 1) != tt.header {
				t.Errorf("problem reported at line %d: %v", re[0].Line, re)
			}
			if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 4<<20 {
				t.Errorf("allocated %d bytes reading %d", alloc, size)
			}
		})
	}
}

// repeatString is an endless stream of one string.
type repeatString string

func (s repeatString) Read(p []byte) (int, error) {
	n := 0
	for n < len(p) {
		n += copy(p[n:], s)
	}
	return n, nil
}
