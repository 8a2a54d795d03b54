//go:build ignore

// Seedgen writes the hand-made part of the fuzz corpus in testdata/fuzz:
// go run ./testdata/fuzz/seedgen.go. Inputs the fuzzer found are added to
// the same folders under their own names and are not touched here.
//
// National ids here are synthetic only: Skatteetaten's published examples,
// Test-Norge numbers (month + 80), and numbers for birth dates in 2033–2039,
// which are not issued yet and so belong to no one. Control digits are
// computed here from the weights in DOMAIN.md, not by the code under test.
package main

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"unicode/utf16"
)

func main() {
	root := filepath.Join("testdata", "fuzz")
	if _, err := os.Stat(root); err != nil {
		fmt.Fprintln(os.Stderr, "run from the repository root")
		os.Exit(1)
	}
	ids := nationalIDs()
	for name, s := range ids {
		write(root, "intake/FuzzParseNationalID", name, str(s), "bool(false)")
		write(root, "intake/FuzzParseNationalID", name+"-testdb", str(s), "bool(true)")
	}
	write(root, "tui/FuzzFormValidators", "id-synthetic-spaced", str("018570 10015"), "bool(true)")
	write(root, "tui/FuzzFormValidators", "id-2032-rule", str(ids["2032-rule-k1-plus-1"]), "bool(false)")
	write(root, "tui/FuzzFormValidators", "id-h-number", str(ids["h-number"]), "bool(false)")
	write(root, "tui/FuzzFormValidators", "date-feb29-leap", str("2036-02-29"), "bool(false)")
	write(root, "tui/FuzzFormValidators", "date-zero-day", str("0001-01-01"), "bool(false)")
	write(root, "tui/FuzzFormValidators", "clock-one-digit-hour", str(" 7:05 "), "bool(false)")
	write(root, "tui/FuzzFormValidators", "date-nb-one-digit-day", str("4.5.1990"), "bool(false)")
	write(root, "tui/FuzzFormValidators", "date-nb-two-digit-year", str("14.05.90"), "bool(false)")
	write(root, "tui/FuzzFormValidators", "clock-dot", str("8.30"), "bool(false)")
	write(root, "tui/FuzzFormValidators", "clock-four-digits", str("0830"), "bool(false)")
	write(root, "tui/FuzzFormValidators", "minutes-plus-sign", str("+45"), "bool(false)")
	write(root, "tui/FuzzFormValidators", "latin1-o-slash", str("\xd8stby"), "bool(false)")

	for name, s := range map[string]string{
		"feb29-leap":          "2036-02-29",
		"feb29-not-leap":      "2035-02-29",
		"feb29-1900":          "1900-02-29",
		"feb29-2000":          "2000-02-29",
		"year-0000":           "0000-01-01",
		"year-0001-zero-date": "0001-01-01",
		"year-9999-last-day":  "9999-12-31",
		"month-13":            "2024-13-01",
		"day-00":              "2024-01-00",
		"april-31":            "2024-04-31",
		"one-digit-month":     "2024-1-01",
		"slashes":             "2024/01/01",
		"timestamp":           "2024-01-01T10:00:00Z",
		"signed-year":         "+024-01-01",
		"nul":                 "2024-01-0\x00",
		"arabic-digits":       "٢٠٢٤-٠١-٠١",
		"garbage":             "\xff\xfe\x00\x01 ",
	} {
		write(root, "intake/FuzzParseDate", name, str(s))
	}
	for name, s := range map[string]string{
		"midnight": "00:00", "last-minute": "23:59", "hour-24": "24:00", "minute-60": "12:60",
		"one-digit-hour": "9:05", "spaces": " 09:00\t", "seconds": "12:30:00", "dot": "12.30",
		"no-colon": "1230", "signed": "+9:05", "arabic-digit": "٩:05",
	} {
		write(root, "intake/FuzzParseClock", name, str(s))
	}
	for name, s := range map[string]string{
		"nb-two-digit-day-month": "14.05.1990", "nb-one-digit-day-month": "4.5.1990",
		"nb-two-digit-year": "14.05.90", "nb-feb29-not-leap": "29.02.2035", "nb-zero-date": "01.01.0001",
		"nb-three-digit-year": "1.1.199", "iso": "1990-05-14", "slashes": "14/05/1990", "spaces": " 7.7.2027\t",
	} {
		write(root, "intake/FuzzParseTypedDate", name, str(s))
	}
	for name, s := range map[string]string{
		"dot": "8.30", "dot-two-digit-hour": "08.30", "four-digits": "0830", "colon": "8:30",
		"three-digits": "830", "one-digit-minute": "8.3", "hour-24": "24.00", "comma": "8,30",
	} {
		write(root, "intake/FuzzParseTypedClock", name, str(s))
	}
	for name, v := range map[string][2]string{
		"phq9-full":          {"phq9", "3 3 3 3 3 3 3 3 3"},
		"phq9-one-too-many":  {"phq9", "3333333333"},
		"audit-item9-three":  {"audit", "0000000030"},
		"audit-item9-two":    {"audit", "0000000022"},
		"gad7-separators":    {"gad7", "1,2;3\t0 1"},
		"gad7-score-four":    {"gad7", "4"},
		"unknown-instrument": {"bdi", "1"},
		"fullwidth-digit":    {"phq9", "１"},
	} {
		write(root, "intake/FuzzParseItems", name, str(v[0]), str(v[1]))
	}

	const head = "ref,received,channel,addressed_to,national_id,name,birth_date\n"
	syn := ids["synthetic"]
	csvs := map[string][]byte{
		"quote-inside-unquoted":    []byte(head + `R1,2026-11-02,self,,,Kari "K" Nordmann,` + "\n"),
		"unterminated-quote-eof":   []byte(head + `R1,2026-11-02,self,,,"Kari Nordmann` + "\nR2,2026-11-02,self,,,,\n"),
		"text-after-close-quote":   []byte(head + `R1,2026-11-02,self,,,"Kari"x,` + "\n"),
		"quoted-newline-and-quote": []byte(head + `R1,2026-11-02,self,,,"Kari` + "\n" + `""K"" Nordmann",` + "\n"),
		"excel-nb-bom-semicolon-crlf": append([]byte("\xef\xbb\xbf"), []byte(strings.ReplaceAll(
			strings.ReplaceAll(head, ",", ";"), "\n", "\r\n")+"R1;2026-11-02;gp;dps;"+syn+";\"Nordmann; Kari\";\r\n")...),
		"mixed-separators-header": []byte("ref;received,channel\nR1;2026-11-02,self\n"),
		"mixed-separators-rows":   []byte("ref,received,channel\nR1;2026-11-02;self\nR2,2026-11-02,self\n"),
		"utf16le-bom":             utf16LE(head + "R1,2026-11-02,self,,,Øystein,\n"),
		"utf16be-bom":             utf16BE(head + "R1,2026-11-02,self,,,Øystein,\n"),
		"latin1-o-slash":          []byte(head + "R1,2026-11-02,self,,,\xd8ystein Bj\xf8rnstad,\n"),
		"nul-bytes":               []byte(head + "R1\x00,2026-11-02,self,,,Kari\x00,\n"),
		"cr-only-line-ends":       []byte(strings.ReplaceAll(head+"R1,2026-11-02,self,,,,\n", "\n", "\r")),
		"blank-and-space-rows":    []byte(head + "\n , ,\t,,,,\r\n,,,,,,\nR1,2026-11-02,self,,,,\n"),
		"duplicate-ref":           []byte(head + "R1,2026-11-02,self,,,,\nR1,2026-11-03,self,,,,\n"),
		"field-count":             []byte(head + "R1,2026-11-02,self\nR2,2026-11-02,self,,,,,,\n"),
		"header-only":             []byte(head),
		"bom-only":                []byte("\xef\xbb\xbf"),
		"no-header":               []byte("R1,2026-11-02,self,,," + syn + ",\n"),
		"binary-garbage":          garbage(1, 512),
		"national-ids":            nationalIDRows(head, ids),
		"date-boundaries": []byte(head + "D1,2036-02-29,self,,,,\nD2,2035-02-29,self,,,,\nD3,0000-01-01,self,,,,\n" +
			"D4,0001-01-01,self,,,,\nD5,9999-12-31,self,,,,\nD6,2026-11-02,self,,,,2035-02-29\n"),
	}
	for name, b := range csvs {
		write(root, "intake/FuzzDecoder", name, bytesLit(b))
	}
	for _, name := range []string{"quote-inside-unquoted", "unterminated-quote-eof", "excel-nb-bom-semicolon-crlf",
		"latin1-o-slash", "nul-bytes", "duplicate-ref", "national-ids", "date-boundaries", "utf16le-bom"} {
		write(root, "store/FuzzImport", name, bytesLit(csvs[name]))
	}
	write(root, "store/FuzzImport", "ref-already-in-db", bytesLit([]byte("ref,received,channel\nNEW,2026-11-02,self\nOLD,2026-11-02,self\n")))
	write(root, "store/FuzzImport", "routed-with-clinician", bytesLit([]byte(
		"ref,received,channel,addressed_to,clinician,first_conversation,attended,routed,outcomes\n"+
			"R1,2026-03-27,gp,dps,kari,2026-04-08,yes,2026-04-10,dps+municipal\n")))

	// FuzzOpen: kind 0 raw bytes, 1 a prefix of n bytes of a real database,
	// 2 a real database with the bytes written at offset n.
	sqliteHead := func(appID string, pages uint32) []byte {
		h := make([]byte, 100)
		copy(h, "SQLite format 3\x00")
		h[16], h[17] = 0x10, 0x00 // page size 4096
		h[18], h[19] = 2, 2
		h[28], h[29], h[30], h[31] = byte(pages>>24), byte(pages>>16), byte(pages>>8), byte(pages)
		copy(h[68:], appID)
		return h
	}
	for name, v := range map[string]struct {
		kind  uint8
		n     uint32
		patch []byte
	}{
		"raw-garbage":             {0, 0, garbage(2, 300)},
		"raw-header-only-ours":    {0, 0, sqliteHead("enVI", 1)},
		"raw-header-claims-pages": {0, 0, sqliteHead("enVI", 1000)},
		"raw-header-foreign":      {0, 0, sqliteHead("abcd", 1)},
		"raw-zip":                 {0, 0, []byte("PK\x03\x04\x14\x00\x00\x00\x08\x00")},
		"prefix-header-99":        {1, 99, nil},
		"prefix-first-page":       {1, 4096, nil},
		"prefix-all-but-one":      {1, 0xffffffff, nil},
		"patch-page-size-64k":     {2, 16, []byte{0, 1}},
		"patch-rollback-journal":  {2, 18, []byte{1, 1}},
		"patch-write-version-3":   {2, 18, []byte{3, 3}},
		"patch-user-version-0":    {2, 60, []byte{0, 0, 0, 0}},
		"patch-user-version-neg":  {2, 60, []byte{0xff, 0xff, 0xff, 0xff}},
		"patch-user-version-99":   {2, 60, []byte{0, 0, 0, 99}},
		"patch-schema-page":       {2, 100, bytes.Repeat([]byte{0x0d}, 40)},
		"patch-second-page":       {2, 4096, bytes.Repeat([]byte{0xff}, 64)},
	} {
		write(root, "store/FuzzOpen", name, fmt.Sprintf("byte(%d)", v.kind), fmt.Sprintf("uint32(%d)", v.n), bytesLit(v.patch))
	}
}

// write writes one corpus entry in Go's format.
func write(root, target, name string, values ...string) {
	dir := filepath.Join(root, target)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		panic(err)
	}
	body := "go test fuzz v1\n" + strings.Join(values, "\n") + "\n"
	if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
		panic(err)
	}
}

func str(s string) string      { return "string(" + strconv.Quote(s) + ")" }
func bytesLit(b []byte) string { return "[]byte(" + strconv.Quote(string(b)) + ")" }
func garbage(seed uint64, n int) []byte {
	r := rand.New(rand.NewPCG(seed, 2))
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(r.UintN(256))
	}
	return b
}

func utf16LE(s string) []byte {
	out := []byte{0xff, 0xfe}
	for _, u := range utf16.Encode([]rune(s)) {
		out = append(out, byte(u), byte(u>>8))
	}
	return out
}

func utf16BE(s string) []byte {
	out := []byte{0xfe, 0xff}
	for _, u := range utf16.Encode([]rune(s)) {
		out = append(out, byte(u>>8), byte(u))
	}
	return out
}

var (
	k1w = []int{3, 7, 6, 1, 8, 9, 4, 5, 2}
	k2w = []int{5, 4, 3, 2, 7, 6, 5, 4, 3, 2}
)

// id builds an 11-digit number from DDMMYYIII, with k1 = (11 + extra) −
// (sum mod 11) (extra 0 is the classic rule, 1–3 the 2032 rule) and the
// classic k2. It returns "" when a control digit would be 10 or more.
func id(ddmmyyiii string, extra int) string {
	d := make([]int, 0, 11)
	for _, c := range ddmmyyiii {
		d = append(d, int(c-'0'))
	}
	sum := 0
	for i, w := range k1w {
		sum += d[i] * w
	}
	k1 := (11+extra-sum%11)%11 + 0
	if extra == 0 && sum%11 == 0 {
		k1 = 0
	}
	if k1 >= 10 || (extra > 0 && (sum+k1)%11 != extra) {
		return ""
	}
	d = append(d, k1)
	sum = 0
	for i, w := range k2w {
		sum += d[i] * w
	}
	k2 := (11 - sum%11) % 11
	if k2 == 10 {
		return ""
	}
	return ddmmyyiii + strconv.Itoa(k1) + strconv.Itoa(k2)
}

// first returns the first valid id for individual numbers from start on.
func first(ddmmyy string, start, extra int) string {
	for i := start; i < 1000; i++ {
		if s := id(fmt.Sprintf("%s%03d", ddmmyy, i), extra); s != "" {
			return s
		}
	}
	panic("no id for " + ddmmyy)
}

func nationalIDs() map[string]string {
	m := map[string]string{
		"skatteetaten-both-rules":  "02013299997",
		"skatteetaten-2032-only":   "30108299939",
		"classic-2039":             first("311239", 500, 0),
		"d-number-2038":            first("710138", 500, 0),
		"h-number":                 first("154537", 500, 0),
		"synthetic":                first("018570", 0, 0),
		"synthetic-d-number":       first("458970", 0, 0),
		"synthetic-leap-day":       first("298200", 500, 0),
		"synthetic-1854":           first("018154", 500, 0),
		"2032-rule-k1-plus-1":      first("010136", 500, 1),
		"2032-rule-k1-plus-3":      first("010136", 500, 3),
		"synthetic-feb29-not-leap": first("298201", 500, 0),
		"d-and-h-at-once":          first("414537", 500, 0),
		"day-32":                   first("320137", 500, 0),
		"year-2040-individual-500": first("010140", 500, 0),
		"spaced":                   "020132 99997",
		"tab-inside":               "020132\t99997",
		"ten-digits":               "0201329999",
		"arabic-indic-digit":       "0201329999٧",
	}
	good := m["classic-2039"]
	bad := []byte(good)
	bad[10] = '0' + (bad[10]-'0'+1)%10
	m["bad-k2"] = string(bad)
	bad = []byte(good)
	bad[9] = '0' + (bad[9]-'0'+5)%10
	m["bad-k1"] = string(bad)
	return m
}

func nationalIDRows(head string, ids map[string]string) []byte {
	var b strings.Builder
	b.WriteString(head)
	n := 0
	for _, name := range []string{"synthetic", "synthetic-d-number", "skatteetaten-2032-only", "h-number",
		"d-number-2038", "bad-k1", "bad-k2", "spaced", "d-and-h-at-once"} {
		n++
		fmt.Fprintf(&b, "N%d,2026-11-02,self,,%s,,\n", n, ids[name])
	}
	return []byte(b.String())
}
