package intake

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"maps"
	"runtime"
	"slices"
	"strings"
	"testing"
)

// baseRow is a valid routed GP referral as CSV values.
func baseRow() map[string]string {
	return map[string]string{
		ColRef: "R-1", ColReceived: "2024-03-01", ColChannel: "gp", ColAddressedTo: "dps",
		ColNationalID: testNID1982, ColName: "Kari Nordmann", ColBirthDate: "1982-10-30",
		ColGP: "Dr. Hansen, Storgata legekontor", ColClinician: "kari", ColFirstConversation: "2024-03-10",
		ColAttended: "yes", ColRouted: "2024-03-12", ColOutcomes: "eating_disorder_clinic+municipal",
		ColWithdrawn: "",
	}
}

// csvLine writes one record of the given columns, quoted as needed.
func csvLine(cols []string, values map[string]string) string {
	var b strings.Builder
	w := csv.NewWriter(&b)
	rec := make([]string, len(cols))
	for i, c := range cols {
		rec[i] = values[c]
	}
	w.Write(rec)
	w.Flush()
	return b.String()
}

// row returns baseRow with the overrides applied, as a CSV line.
func row(over map[string]string) string {
	v := baseRow()
	maps.Copy(v, over)
	return csvLine(ImportColumns, v)
}

var header = strings.Join(ImportColumns, ",") + "\n"

// decodeAll decodes a whole file and returns the referrals, the lines they
// started on and the row errors; a header error or a stream error is
// returned as err.
func decodeAll(t testing.TB, data string, rules ImportRules) (refs []Referral, lines []int, rowErrs RowErrors, err error) {
	t.Helper()
	d, err := NewDecoder(strings.NewReader(data), rules)
	if err != nil {
		return nil, nil, nil, err
	}
	for {
		r, line, err := d.Next()
		var re RowErrors
		switch {
		case err == io.EOF:
			return refs, lines, rowErrs, nil
		case errors.As(err, &re):
			rowErrs = append(rowErrs, re...)
		case err != nil:
			return refs, lines, rowErrs, err
		default:
			refs = append(refs, r)
			lines = append(lines, line)
		}
	}
}

func TestDecodeValidFile(t *testing.T) {
	self := map[string]string{ColRef: "S-2", ColChannel: "self", ColAddressedTo: "", ColNationalID: "",
		ColBirthDate: "", ColFirstConversation: "", ColAttended: "", ColRouted: "", ColOutcomes: "", ColClinician: ""}
	selfNone := maps.Clone(self)
	selfNone[ColRef], selfNone[ColAddressedTo] = "S-3", "none"
	data := header + row(nil) + "\n" + strings.Repeat(",", len(ImportColumns)-1) + "\n" +
		row(self) + row(selfNone) +
		row(map[string]string{ColRef: "SP-4", ColNationalID: "301082 99920", ColGP: "  Dr. Berg  "})
	refs, lines, rowErrs, err := decodeAll(t, data, testRules())
	if err != nil || rowErrs != nil {
		t.Fatalf("err %v, row errors %v", err, rowErrs)
	}
	if !slices.Equal(lines, []int{2, 5, 6, 7}) {
		t.Errorf("lines %v, want [2 5 6 7] (blank lines skipped but counted)", lines)
	}
	if want := routedReferral(); !equalReferral(refs[0], want) {
		t.Errorf("got %+v\nwant %+v", refs[0], want)
	}
	for _, r := range refs[1:3] {
		if r.Channel != ChannelSelf || r.AddressedTo != AddressedNone {
			t.Errorf("%s: channel %q addressed to %q, want self and none", r.Ref, r.Channel, r.AddressedTo)
		}
	}
	if refs[3].NationalID != testNID1982 || refs[3].GP != "Dr. Berg" {
		t.Errorf("national id %q gp %q: want spaces removed and trimmed", refs[3].NationalID, refs[3].GP)
	}
}

// TestDecodeExcelNorwegian reads what Norwegian Excel writes: BOM, ";",
// CRLF, columns in its own order, and the export's computed columns, which
// are ignored whatever they hold.
func TestDecodeExcelNorwegian(t *testing.T) {
	cols := []string{ColState, ColOutcomes, ColRef, ColChannel, ColReceived, ColAddressedTo, ColGP,
		ColFirstConversation, ColAttended, ColRouted, ColAssessmentDeadline, ColClinicianOrg}
	line := func(v map[string]string) string {
		var b strings.Builder
		w := csv.NewWriter(&b)
		w.Comma, w.UseCRLF = ';', true
		rec := make([]string, len(cols))
		for i, c := range cols {
			rec[i] = v[c]
		}
		w.Write(rec)
		w.Flush()
		return b.String()
	}
	data := "\xEF\xBB\xBF" + strings.Join(cols, ";") + "\r\n" +
		line(map[string]string{ColState: "not a state", ColOutcomes: "dps", ColRef: "A1", ColChannel: "gp",
			ColReceived: "2024-01-02", ColAddressedTo: "municipal", ColGP: "Legesenteret; Dr. Ås",
			ColFirstConversation: "2024-01-05", ColAttended: "yes", ColRouted: "2024-01-05",
			ColAssessmentDeadline: "whenever", ColClinicianOrg: "?"}) +
		"\r\n" +
		line(map[string]string{ColRef: "A2", ColChannel: "self", ColReceived: "2024-01-03"})
	refs, lines, rowErrs, err := decodeAll(t, data, testRules())
	if err != nil || rowErrs != nil {
		t.Fatalf("err %v, row errors %v", err, rowErrs)
	}
	if !slices.Equal(lines, []int{2, 4}) {
		t.Errorf("lines %v, want [2 4]", lines)
	}
	want := Referral{Ref: "A1", Received: MustParseDate("2024-01-02"), Channel: ChannelGP,
		AddressedTo: AddressedMunicipal, GP: "Legesenteret; Dr. Ås", FirstConversation: MustParseDate("2024-01-05"),
		Attended: AttendanceYes, Routed: MustParseDate("2024-01-05"), Outcomes: []string{"dps"}}
	if !equalReferral(refs[0], want) {
		t.Errorf("got %+v\nwant %+v", refs[0], want)
	}
}

func TestDecodeSynthetic(t *testing.T) {
	data := header + row(map[string]string{ColNationalID: testSyntheticID(t), ColBirthDate: "1990-05-17"})
	if _, _, rowErrs, _ := decodeAll(t, data, testRules()); len(rowErrs) != 1 || rowErrs[0].Column != ColNationalID {
		t.Errorf("production rules: got %v, want one national_id error", rowErrs)
	}
	rules := testRules()
	rules.AllowSynthetic = true
	if refs, _, rowErrs, err := decodeAll(t, data, rules); err != nil || rowErrs != nil || len(refs) != 1 {
		t.Errorf("test database: got %d referrals, %v, %v", len(refs), rowErrs, err)
	}
}

// TestDecodeRowRules has one case per rule of the format. Each file has a
// valid row on line 2 and the broken one on line 3, and must give exactly
// one error, at line 3 and in the given column.
func TestDecodeRowRules(t *testing.T) {
	tests := []struct {
		name   string
		over   map[string]string
		column string
	}{
		{"ref missing", map[string]string{ColRef: ""}, ColRef},
		{"ref with a space", map[string]string{ColRef: "R 1"}, ColRef},
		{"ref with a letter outside A-Z", map[string]string{ColRef: "RØ1"}, ColRef},
		{"ref too long", map[string]string{ColRef: strings.Repeat("r", 33)}, ColRef},
		{"ref used twice", map[string]string{ColRef: "OK-1"}, ColRef},
		{"received missing", map[string]string{ColReceived: ""}, ColReceived},
		{"received in Norwegian form", map[string]string{ColReceived: "01.03.2024"}, ColReceived},
		{"received not a real day", map[string]string{ColReceived: "2024-02-30"}, ColReceived},
		{"received after today", map[string]string{ColReceived: "2024-06-15", ColFirstConversation: "",
			ColAttended: "", ColRouted: "", ColOutcomes: ""}, ColReceived},
		{"channel missing", map[string]string{ColChannel: ""}, ColChannel},
		{"channel unknown", map[string]string{ColChannel: "fastlege"}, ColChannel},
		{"channel in capitals", map[string]string{ColChannel: "GP"}, ColChannel},
		{"gp without addressee", map[string]string{ColAddressedTo: ""}, ColAddressedTo},
		{"gp addressed to none", map[string]string{ColAddressedTo: "none"}, ColAddressedTo},
		{"self addressed to dps", map[string]string{ColChannel: "self"}, ColAddressedTo},
		{"addressee unknown", map[string]string{ColAddressedTo: "hospital"}, ColAddressedTo},
		{"national id too short", map[string]string{ColNationalID: "3010829992"}, ColNationalID},
		{"national id not digits", map[string]string{ColNationalID: "3010829992X"}, ColNationalID},
		{"national id control digits", map[string]string{ColNationalID: "30108299921"}, ColNationalID},
		{"name too long", map[string]string{ColName: strings.Repeat("å", 201)}, ColName},
		{"name with a line break", map[string]string{ColName: "Kari\nNordmann"}, ColName},
		{"name with a control character", map[string]string{ColName: "Kari\x00Nordmann"}, ColName},
		{"name as a formula", map[string]string{ColName: "=HYPERLINK(\"x\")"}, ColName},
		{"name not UTF-8", map[string]string{ColName: "Kari N\xf8rdmann"}, ColName},
		{"gp too long", map[string]string{ColGP: strings.Repeat("g", 201)}, ColGP},
		{"gp with a control character", map[string]string{ColGP: "Dr.\x1bHansen"}, ColGP},
		{"birth date malformed", map[string]string{ColBirthDate: "30/10/1982"}, ColBirthDate},
		{"birth date after today", map[string]string{ColNationalID: "", ColBirthDate: "2024-06-15"}, ColBirthDate},
		{"birth date disagrees with national id", map[string]string{ColBirthDate: "1982-10-31"}, ColBirthDate},
		{"clinician not on the roster", map[string]string{ColClinician: "nobody"}, ColClinician},
		{"first conversation malformed", map[string]string{ColFirstConversation: "2024-3-10"}, ColFirstConversation},
		{"first conversation before received", map[string]string{ColFirstConversation: "2024-02-29",
			ColRouted: "2024-03-01"}, ColFirstConversation},
		{"attended unknown", map[string]string{ColAttended: "ja"}, ColAttended},
		{"attended without first conversation", map[string]string{ColFirstConversation: "",
			ColRouted: "", ColOutcomes: ""}, ColAttended},
		{"attended before the conversation", map[string]string{ColFirstConversation: "2024-06-20",
			ColRouted: "", ColOutcomes: ""}, ColAttended},
		{"routed malformed", map[string]string{ColRouted: "12.03.2024"}, ColRouted},
		{"routed after today", map[string]string{ColRouted: "2024-06-15"}, ColRouted},
		{"routed before first conversation", map[string]string{ColRouted: "2024-03-09"}, ColRouted},
		{"routed without outcomes", map[string]string{ColOutcomes: ""}, ColRouted},
		{"outcomes without routed", map[string]string{ColRouted: ""}, ColOutcomes},
		{"outcome not in the catalogue", map[string]string{ColOutcomes: "dps+hospital"}, ColOutcomes},
		{"outcome twice", map[string]string{ColOutcomes: "dps+municipal+dps"}, ColOutcomes},
		{"outcomes with an empty code", map[string]string{ColOutcomes: "dps++municipal"}, ColOutcomes},
		{"outcomes joined by a comma", map[string]string{ColOutcomes: "dps,municipal"}, ColOutcomes},
		{"did not attend but attended", map[string]string{ColOutcomes: "did_not_attend"}, ColOutcomes},
		{"did not attend with another outcome", map[string]string{ColAttended: "no",
			ColOutcomes: "did_not_attend+dps"}, ColOutcomes},
		{"not attended routed to a service", map[string]string{ColAttended: "no", ColOutcomes: "dps"}, ColOutcomes},
		{"not attended but no need", map[string]string{ColAttended: "no", ColOutcomes: "no_need"}, ColOutcomes},
		{"routed without attendance", map[string]string{ColAttended: "", ColOutcomes: "dps"}, ColOutcomes},
		{"no need with a service", map[string]string{ColOutcomes: "no_need+municipal"}, ColOutcomes},
		{"withdrawn malformed", map[string]string{ColWithdrawn: "yes"}, ColWithdrawn},
		{"withdrawn before received", map[string]string{ColRouted: "", ColOutcomes: "",
			ColWithdrawn: "2024-02-01"}, ColWithdrawn},
		{"withdrawn after today", map[string]string{ColRouted: "", ColOutcomes: "",
			ColWithdrawn: "2024-06-15"}, ColWithdrawn},
		{"withdrawn and routed", map[string]string{ColWithdrawn: "2024-03-13"}, ColWithdrawn},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := header + row(map[string]string{ColRef: "OK-1"}) + row(tt.over)
			refs, _, rowErrs, err := decodeAll(t, data, testRules())
			if err != nil {
				t.Fatal(err)
			}
			if len(refs) != 1 || refs[0].Ref != "OK-1" {
				t.Errorf("got %d referrals, want only the valid one", len(refs))
			}
			if len(rowErrs) != 1 {
				t.Fatalf("got %d errors %v, want 1", len(rowErrs), rowErrs)
			}
			if e := rowErrs[0]; e.Line != 3 || e.Column != tt.column {
				t.Errorf("got %q, want line 3, column %s", e, tt.column)
			}
		})
	}
}

// TestDecodeHeader checks every header rule; all are reported at line 1.
func TestDecodeHeader(t *testing.T) {
	without := func(col string) string {
		return strings.Join(slices.DeleteFunc(slices.Clone(ImportColumns), func(c string) bool { return c == col }), ",")
	}
	tests := []struct {
		name   string
		data   string
		column string
	}{
		{"empty file", "", ""},
		{"BOM only", "\xEF\xBB\xBF", ""},
		{"unknown column", strings.Join(ImportColumns, ",") + ",notes\n", ""},
		{"column in capitals", strings.Replace(header, ",gp,", ",GP,", 1), ""},
		{"empty column", strings.Join(ImportColumns, ";") + ";\n", ""},
		{"column twice", strings.Join(ImportColumns, ",") + ",gp\n", ColGP},
		{"ref missing", without(ColRef) + "\n", ColRef},
		{"received missing", without(ColReceived) + "\n", ColReceived},
		{"channel missing", without(ColChannel) + "\n", ColChannel},
		{"both delimiters", "ref,received;channel\n", ""},
		{"UTF-16", "\xFF\xFEr\x00e\x00f\x00", ""},
		{"bad quoting", `ref,"received"x,channel` + "\n", ""},
		{"line too long", strings.Repeat("x", readBufferSize+10), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := NewDecoder(strings.NewReader(tt.data), testRules())
			var re RowErrors
			if !errors.As(err, &re) {
				t.Fatalf("got %v, want RowErrors", err)
			}
			if len(re) != 1 || re[0].Line != 1 || re[0].Column != tt.column {
				t.Errorf("got %v, want one error at line 1, column %q", re, tt.column)
			}
		})
	}
	// Optional columns may be left out.
	minimal := "channel,ref,received\nself,M1,2024-01-01\n"
	refs, _, rowErrs, err := decodeAll(t, minimal, testRules())
	if err != nil || rowErrs != nil || len(refs) != 1 || refs[0].AddressedTo != AddressedNone {
		t.Errorf("minimal header: %v %v %v", refs, rowErrs, err)
	}
	if _, err := NewDecoder(strings.NewReader(minimal), ImportRules{}); err == nil {
		t.Error("NewDecoder accepted rules without Today")
	}
}

// TestDecodeMalformed feeds broken CSV between valid rows: each gives a
// RowError with its line (and column when one is at fault), and decoding
// goes on with the next record.
func TestDecodeMalformed(t *testing.T) {
	ok := func(ref string) string { return row(map[string]string{ColRef: ref}) }
	// Without the quoted comma in gp, so that splitting at "," gives the fields.
	fields := strings.Split(strings.TrimSuffix(row(map[string]string{ColRef: "X", ColGP: "Dr. Hansen"}), "\n"), ",")
	tests := []struct {
		name   string
		bad    string
		lines  int // physical lines the bad record takes
		column string
	}{
		{"too few fields", "a,b,c\n", 1, ""},
		{"too many fields", strings.TrimSuffix(ok("B"), "\n") + ",extra\n", 1, ""},
		{"quote inside unquoted field", strings.Replace(ok("B"), "Kari Nordmann", `Kari "K" Nordmann`, 1), 1, ColName},
		{"text after closing quote", strings.Replace(ok("B"), "Kari Nordmann", `"Kari" Nordmann`, 1), 1, ColName},
		{"quoted line break", strings.Replace(ok("B"), "Kari Nordmann", "\"Kari\nNordmann\"", 1), 2, ColName},
		{"field over 64 KiB", strings.Replace(ok("B"), "Kari Nordmann", strings.Repeat("k", MaxFieldBytes+1), 1), 1, ColName},
		{"binary garbage", "\x00\x01\x02\xff\xfe,\x89PNG\r\n", 1, ""},
		{"not UTF-8", strings.Replace(ok("B"), "2024-03-01", "\xff\xfe", 1), 1, ColReceived},
		{"fields without a delimiter", strings.Join(fields, "\t") + "\n", 1, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := header + ok("A") + tt.bad + ok("C")
			refs, lines, rowErrs, err := decodeAll(t, data, testRules())
			if err != nil {
				t.Fatal(err)
			}
			if len(rowErrs) != 1 || rowErrs[0].Line != 3 || rowErrs[0].Column != tt.column {
				t.Fatalf("got %v, want one error at line 3, column %q", rowErrs, tt.column)
			}
			if len(refs) != 2 || refs[1].Ref != "C" || lines[1] != 3+tt.lines {
				t.Errorf("got %d referrals at lines %v, want A and C, C at line %d", len(refs), lines, 3+tt.lines)
			}
		})
	}
}

func TestDecodeUnclosedQuote(t *testing.T) {
	// One stray quote swallows the rest of the file: the error names the
	// line where the record starts, and nothing after it is a referral.
	noQuotes := func(ref string) string { return row(map[string]string{ColRef: ref, ColGP: "Dr. Hansen"}) }
	data := header + noQuotes("A") + strings.Replace(noQuotes("B"), "Kari Nordmann", `"Kari Nordmann`, 1) +
		noQuotes("C")
	refs, _, rowErrs, err := decodeAll(t, data, testRules())
	if err != nil {
		t.Fatal(err)
	}
	if len(refs) != 1 || len(rowErrs) != 1 || rowErrs[0].Line != 3 || rowErrs[0].Column != ColName ||
		!strings.Contains(rowErrs[0].Reason, "not closed") {
		t.Errorf("got %d referrals and %v", len(refs), rowErrs)
	}
}

// failingReader returns its data, then an error.
type failingReader struct {
	data []byte
	err  error
}

func (f *failingReader) Read(p []byte) (int, error) {
	if len(f.data) == 0 {
		return 0, f.err
	}
	n := copy(p, f.data)
	f.data = f.data[n:]
	return n, nil
}

func TestDecodeStreamError(t *testing.T) {
	broken := errors.New("disk on fire")
	data := header + row(map[string]string{ColRef: "A"}) + "B,2024-"
	d, err := NewDecoder(&failingReader{[]byte(data), broken}, testRules())
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := d.Next(); err != nil {
		t.Fatalf("first row: %v", err)
	}
	_, _, err = d.Next()
	var re RowErrors
	if !errors.Is(err, broken) || errors.As(err, &re) {
		t.Fatalf("got %v, want the stream's error, not RowErrors", err)
	}
	if _, _, err2 := d.Next(); !errors.Is(err2, broken) {
		t.Errorf("after a stream error Next gave %v, want the same error again", err2)
	}
	if _, err := NewDecoder(&failingReader{nil, broken}, testRules()); !errors.Is(err, broken) {
		t.Errorf("header: got %v, want the stream's error", err)
	}
}

// TestDecodeErrorsNeverEchoValues shifts a known name and national id into
// every column (as a spreadsheet with a column too many or too few would)
// and checks that no error text contains any part of them.
func TestDecodeErrorsNeverEchoValues(t *testing.T) {
	const name = "Zyxwvut Qqqsecret"
	secrets := []string{"Zyxwvut", "Qqqsecret", testNID1982, testNID1982[:6], testNID1982[6:], testNID2032}
	var data strings.Builder
	data.WriteString(header)
	for i, col := range ImportColumns {
		for _, v := range []string{name, testNID1982, testNID2032, `"` + name, name + `"x`} {
			over := map[string]string{ColRef: fmt.Sprintf("R%d", i), col: v}
			if col == ColRef {
				over[ColRef] = v
			}
			data.WriteString(row(over))
		}
	}
	// Shifted rows: every value one column to the right, then to the left.
	vals := baseRow()
	vals[ColName], vals[ColNationalID] = name, testNID2032
	rec := make([]string, len(ImportColumns))
	for i, c := range ImportColumns {
		rec[i] = vals[c]
	}
	data.WriteString(strings.Join(append([]string{""}, rec[:len(rec)-1]...), ",") + "\n")
	data.WriteString(strings.Join(append(slices.Clone(rec[1:]), ""), ",") + "\n")
	data.WriteString(strings.Join(rec, ",") + ",extra\n") // wrong field count
	data.WriteString(name + "," + testNID1982 + `,"unclosed` + "\n")

	_, _, rowErrs, err := decodeAll(t, data.String(), testRules())
	if err != nil {
		t.Fatal(err)
	}
	if len(rowErrs) < len(ImportColumns)*4 {
		t.Fatalf("only %d errors: the rows did not fail as intended", len(rowErrs))
	}
	check := func(text string) {
		t.Helper()
		for _, s := range secrets {
			if strings.Contains(text, s) {
				t.Errorf("error text contains a value: %q", text)
			}
		}
	}
	check(rowErrs.Error())

	// A file without a header: its first line is a patient's data.
	for _, first := range []string{strings.Join(rec, ",") + "\n", strings.Join(rec, ";") + "\n", name + "\n"} {
		_, err := NewDecoder(strings.NewReader(first), testRules())
		if err == nil {
			t.Fatal("a data line was accepted as a header")
		}
		check(err.Error())
	}
}

// TestDecoderStreams decodes 200 000 rows produced on the fly and checks that
// what the decoder keeps is the set of references, not the rows.
func TestDecoderStreams(t *testing.T) {
	if testing.Short() {
		t.Skip("decodes 200 000 rows")
	}
	const n = 200_000
	d, err := NewDecoder(newRowGenerator(n), testRules())
	if err != nil {
		t.Fatal(err)
	}
	var before runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	count := 0
	for {
		_, _, err := d.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		count++
	}
	var after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&after)
	runtime.KeepAlive(d)
	if count != n {
		t.Fatalf("decoded %d rows, want %d", count, n)
	}
	// The reference set costs well under 100 bytes a row; the referrals
	// themselves would cost several hundred.
	if grown := int64(after.HeapAlloc) - int64(before.HeapAlloc); grown > 100*n {
		t.Errorf("heap grew by %d bytes for %d rows", grown, n)
	}
}

// TestDecoderRunawayQuote streams 64 MiB that a stray quote turns into one
// field, and checks that the field is not held in memory.
func TestDecoderRunawayQuote(t *testing.T) {
	const size = 64 << 20
	head := header + `R1,2024-01-01,self,,,"` // the name field opens a quote that never closes
	r := io.MultiReader(strings.NewReader(head), io.LimitReader(repeatReader('x'), size))
	d, err := NewDecoder(r, testRules())
	if err != nil {
		t.Fatal(err)
	}
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	_, line, err := d.Next()
	runtime.ReadMemStats(&after)
	var re RowErrors
	if !errors.As(err, &re) || line != 2 || re[0].Column != ColName {
		t.Fatalf("got %v at line %d, want a RowError at line 2 in column name", err, line)
	}
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 4<<20 {
		t.Errorf("allocated %d bytes reading one unclosed field of %d bytes", alloc, size)
	}
	if _, _, err := d.Next(); err != io.EOF {
		t.Errorf("after the runaway field: %v, want io.EOF", err)
	}
}

type repeatReader byte

func (b repeatReader) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = byte(b)
	}
	return len(p), nil
}

// rowGenerator is an io.Reader producing a header and n varied valid rows
// without holding them.
type rowGenerator struct {
	n, i int
	buf  bytes.Buffer
	w    *CSVEncoder
}

func newRowGenerator(n int) *rowGenerator {
	g := &rowGenerator{n: n}
	g.w = NewCSVEncoder(&g.buf)
	g.w.Flush()
	return g
}

func (g *rowGenerator) Read(p []byte) (int, error) {
	for g.buf.Len() < len(p) && g.i < g.n {
		g.w.Write(ExportRow{Referral: benchReferral(g.i), ClinicianOrg: OrgDPS})
		g.i++
		if g.i%64 == 0 || g.i == g.n {
			g.w.Flush()
		}
	}
	if g.buf.Len() == 0 {
		return 0, io.EOF
	}
	return g.buf.Read(p)
}

// benchReferral returns the i-th of a cycle of valid referrals in every
// state.
func benchReferral(i int) Referral {
	r := routedReferral()
	r.Ref = fmt.Sprintf("REF-%07d", i)
	switch i % 5 {
	case 0:
		r.Outcomes = []string{"dps"}
	case 1:
		r = Referral{Ref: r.Ref, Received: r.Received, Channel: ChannelSelf, AddressedTo: AddressedNone,
			Name: "Ola Nordmann", BirthDate: MustParseDate("1990-01-01")}
	case 2:
		r.Attended, r.Outcomes = AttendanceNo, []string{ServiceDidNotAttend}
	case 3:
		r.Routed, r.Outcomes, r.Attended = Date{}, nil, AttendanceUnknown
		r.NationalID, r.BirthDate = testNID2032, Date{}
	}
	return r
}

func BenchmarkDecoder(b *testing.B) {
	const n = 10_000
	data, err := io.ReadAll(newRowGenerator(n))
	if err != nil {
		b.Fatal(err)
	}
	rules := testRules()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		d, err := NewDecoder(bytes.NewReader(data), rules)
		if err != nil {
			b.Fatal(err)
		}
		count := 0
		for {
			_, _, err := d.Next()
			if err == io.EOF {
				break
			}
			if err != nil {
				b.Fatal(err)
			}
			count++
		}
		if count != n {
			b.Fatalf("decoded %d rows", count)
		}
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
}

// equalReferral compares referrals field by field (Date holds a time.Time,
// which == compares by representation rather than by day).
func equalReferral(a, b Referral) bool {
	return a.Ref == b.Ref && a.Received.Equal(b.Received) && a.Channel == b.Channel &&
		a.AddressedTo == b.AddressedTo && a.NationalID == b.NationalID && a.Name == b.Name &&
		a.BirthDate.Equal(b.BirthDate) && a.GP == b.GP && a.Clinician == b.Clinician &&
		a.FirstConversation.Equal(b.FirstConversation) && a.Attended == b.Attended &&
		a.Routed.Equal(b.Routed) && slices.Equal(a.Outcomes, b.Outcomes) && a.Withdrawn.Equal(b.Withdrawn)
}

func FuzzDecoder(f *testing.F) {
	f.Add([]byte(header + row(nil)))
	f.Add([]byte(header + row(nil) + "\n" + row(map[string]string{ColRef: "R-2", ColChannel: "self",
		ColAddressedTo: "", ColAttended: "no", ColOutcomes: "did_not_attend"})))
	semi := strings.ReplaceAll(header, ",", ";")
	f.Add([]byte("\xEF\xBB\xBF" + strings.ReplaceAll(semi, "\n", "\r\n") +
		"R-1;2024-03-01;gp;municipal;" + testNID1982 + ";\"Nordmann; Kari\";1982-10-30;Dr. Ås;ola;" +
		"2024-03-10;yes;2024-03-12;dps+municipal;\r\n" +
		"R-2;2024-03-02;self;none;;;;;;;;;;2024-03-04\r\n"))
	f.Add([]byte("ref,received,channel\nA,2024-01-01,self\n\"B\"\"\",2024-01-01,self\nC,\"2024-01-01\nx\n"))
	f.Add([]byte("channel;received;ref;state\r\n\"self\";2024-01-01;\"x\"y;\r\n"))
	f.Add([]byte("ref,received,channel,name\nA,2024-01-01,self,\"\xff\"\n,,,\n\n"))
	// Fields just over the limit, made here rather than kept in the corpus:
	// unquoted, quoted, in the header, and a quote that never closes.
	big := strings.Repeat("x", MaxFieldBytes+1)
	f.Add([]byte("ref,received,channel,name\nA,2024-01-01,self," + big + "\nB,2024-01-01,self,\n"))
	f.Add([]byte("ref,received,channel,name\nA,2024-01-01,self,\"" + big + "\"\nB,2024-01-01,self,\n"))
	f.Add([]byte("ref,received,channel,\"" + big + "\"\nA,2024-01-01,self,\n"))
	f.Add([]byte("ref,received,channel,name\nA,2024-01-01,self,\"" + big + "\n" + big))
	rules := testRules()
	rules.AllowSynthetic = true
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := NewDecoder(bytes.NewReader(data), rules)
		if err != nil {
			checkNoLeak(t, err.Error(), data)
			var re RowErrors
			if !errors.As(err, &re) {
				t.Fatalf("header: %v is not RowErrors", err)
			}
			return
		}
		last := 1
		// The reasons given, checked once at the end: a file of many bad
		// rows gives the same few reasons many times.
		reasons := make(map[string]bool)
		for {
			r, line, err := d.Next()
			if err == io.EOF {
				checkNoLeak(t, strings.Join(slices.Sorted(maps.Keys(reasons)), "\n"), data)
				return
			}
			if line <= last {
				t.Fatalf("line %d after line %d", line, last)
			}
			last = line
			var re RowErrors
			if errors.As(err, &re) {
				for _, e := range re {
					reasons[e.Column+": "+e.Reason] = true
					if e.Line != line || e.Reason == "" ||
						(e.Column != "" && !slices.Contains(ImportColumns, e.Column) && !slices.Contains(ComputedColumns, e.Column)) {
						t.Fatalf("bad row error %+v at line %d", e, line)
					}
				}
				continue
			}
			if err != nil {
				t.Fatalf("reading from memory failed: %v", err)
			}
			if errs := ValidateReferral(r, rules); errs != nil {
				t.Fatalf("decoded referral fails validation: %v", errs)
			}
			var buf bytes.Buffer
			e := NewCSVEncoder(&buf)
			if err := e.Write(ExportRow{Referral: r}); err != nil {
				t.Fatal(err)
			}
			e.Flush()
			refs, _, rowErrs, err := decodeAll(t, buf.String(), rules)
			if err != nil || rowErrs != nil || len(refs) != 1 || !equalReferral(refs[0], r) {
				t.Fatalf("re-decoding %q gave %+v, %v, %v; want %+v", buf.String(), refs, rowErrs, err, r)
			}
		}
	})
}

// TestDecodeFieldLimit puts the longest allowed field, and one byte more, in
// an ignored column, where nothing but the limit can reject it.
func TestDecodeFieldLimit(t *testing.T) {
	for _, tt := range []struct {
		size    int
		wantErr bool
	}{{MaxFieldBytes, false}, {MaxFieldBytes + 1, true}, {3 * MaxFieldBytes, true}} {
		for _, quoted := range []bool{false, true} {
			field := strings.Repeat("s", tt.size)
			if quoted {
				field = `"` + field + `"`
			}
			data := "ref,received,channel,state\nA,2024-01-01,self," + field + "\nB,2024-01-01,self,\n"
			refs, _, rowErrs, err := decodeAll(t, data, testRules())
			if err != nil {
				t.Fatal(err)
			}
			gotErr := len(rowErrs) == 1 && rowErrs[0].Line == 2 && rowErrs[0].Column == ColState &&
				strings.Contains(rowErrs[0].Reason, "64 KiB")
			if gotErr != tt.wantErr || len(refs)+len(rowErrs) != 2 {
				t.Errorf("size %d quoted %v: %d referrals, errors %v", tt.size, quoted, len(refs), rowErrs)
			}
		}
	}
}
