package intake

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"strings"
	"testing"
)

// exportRow computes the export's columns the way the store will: the
// clinician's organisation from the roster and the deadline from the
// calendar.
func exportRow(r Referral) ExportRow {
	orgs := map[string]Org{"kari": OrgDPS, "ola": OrgMunicipal}
	return ExportRow{Referral: r, ClinicianOrg: orgs[r.Clinician], Deadline: r.AssessmentDeadline(Calendar{})}
}

// variedReferrals are valid referrals in different states, with a
// self-booking, double outcomes, and text that needs quoting.
func variedReferrals() []Referral {
	double := routedReferral() // eating_disorder_clinic+municipal
	double.GP = `Legesenteret "Sentrum", Dr. Ås`
	addiction := routedReferral()
	addiction.Ref, addiction.AddressedTo = "R-2", AddressedMunicipal
	addiction.Outcomes = []string{"municipal", "addiction_clinic"} // not catalogue order: kept as given
	self := Referral{Ref: "S/3", Received: MustParseDate("2024-05-02"), Channel: ChannelSelf,
		AddressedTo: AddressedNone, Name: "Ola Nordmann", BirthDate: MustParseDate("1990-01-01")}
	dna := routedReferral()
	dna.Ref, dna.Attended, dna.Outcomes, dna.Clinician = "R_4", AttendanceNo, []string{ServiceDidNotAttend}, "ola"
	scheduled := Referral{Ref: "R-5", Received: MustParseDate("2024-06-10"), Channel: ChannelGP,
		AddressedTo: AddressedSpecialist, NationalID: testNID2032, GP: "Dr; Berg",
		Clinician: "ola", FirstConversation: MustParseDate("2024-06-20")}
	withdrawn := Referral{Ref: "R-6", Received: MustParseDate("2024-04-01"), Channel: ChannelGP,
		AddressedTo: AddressedDPS, Withdrawn: MustParseDate("2024-04-03")}
	return []Referral{double, addiction, self, dna, scheduled, withdrawn}
}

func encodeCSV(t testing.TB, refs []Referral) []byte {
	t.Helper()
	var buf bytes.Buffer
	e := NewCSVEncoder(&buf)
	for _, r := range refs {
		if err := e.Write(exportRow(r)); err != nil {
			t.Fatal(err)
		}
	}
	if err := e.Flush(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestExportImportExport: exporting, importing what was exported and
// exporting again gives the same bytes, and the import gives back the
// referrals.
func TestExportImportExport(t *testing.T) {
	refs := variedReferrals()
	first := encodeCSV(t, refs)
	back, _, rowErrs, err := decodeAll(t, string(first), testRules())
	if err != nil || rowErrs != nil {
		t.Fatalf("import of the export: %v %v", err, rowErrs)
	}
	if len(back) != len(refs) {
		t.Fatalf("got %d referrals back, want %d", len(back), len(refs))
	}
	for i := range refs {
		if !equalReferral(back[i], refs[i]) {
			t.Errorf("referral %d:\n got %+v\nwant %+v", i, back[i], refs[i])
		}
	}
	if second := encodeCSV(t, back); !bytes.Equal(first, second) {
		t.Errorf("second export differs:\n%s\n---\n%s", first, second)
	}
}

func TestCSVEncoderOutput(t *testing.T) {
	refs := variedReferrals()
	got := string(encodeCSV(t, refs[:3]))
	want := "ref,received,channel,addressed_to,national_id,name,birth_date,gp,clinician,first_conversation," +
		"attended,assessed,routed,outcomes,withdrawn,gp_her_id,state,clinician_org,assessment_deadline\n" +
		`R-1,2024-03-01,gp,dps,30108299920,Kari Nordmann,1982-10-30,"Legesenteret ""Sentrum"", Dr. Ås",kari,` +
		"2024-03-10,yes,,2024-03-12,eating_disorder_clinic+municipal,,,routed,dps,2024-03-15\n" +
		"R-2,2024-03-01,gp,municipal,30108299920,Kari Nordmann,1982-10-30,\"Dr. Hansen, Storgata legekontor\",kari," +
		"2024-03-10,yes,,2024-03-12,municipal+addiction_clinic,,,routed,dps,\n" +
		"S/3,2024-05-02,self,none,,Ola Nordmann,1990-01-01,,,,,,,,,,registered,,\n"
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	var empty bytes.Buffer
	e := NewCSVEncoder(&empty)
	if err := e.Flush(); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(want, empty.String()) || strings.Count(empty.String(), "\n") != 1 {
		t.Errorf("empty export %q, want the header line only", empty.String())
	}
}

func TestJSONEncoder(t *testing.T) {
	refs := variedReferrals()
	var buf bytes.Buffer
	e := NewJSONEncoder(&buf)
	for _, r := range refs[2:4] {
		if err := e.Write(exportRow(r)); err != nil {
			t.Fatal(err)
		}
	}
	if err := e.Flush(); err != nil {
		t.Fatal(err)
	}
	want := "[\n" +
		`{"ref":"S/3","received":"2024-05-02","channel":"self","addressed_to":"none","national_id":"",` +
		`"name":"Ola Nordmann","birth_date":"1990-01-01","gp":"","clinician":"","first_conversation":"",` +
		`"attended":"","assessed":"","routed":"","outcomes":"","withdrawn":"","gp_her_id":"","state":"registered","clinician_org":"",` +
		`"assessment_deadline":""},` + "\n" +
		`{"ref":"R_4","received":"2024-03-01","channel":"gp","addressed_to":"dps","national_id":"30108299920",` +
		`"name":"Kari Nordmann","birth_date":"1982-10-30","gp":"Dr. Hansen, Storgata legekontor","clinician":"ola",` +
		`"first_conversation":"2024-03-10","attended":"no","assessed":"","routed":"2024-03-12","outcomes":"did_not_attend",` +
		`"withdrawn":"","gp_her_id":"","state":"routed","clinician_org":"municipal","assessment_deadline":"2024-03-15"}` + "\n]\n"
	if buf.String() != want {
		t.Errorf("got\n%s\nwant\n%s", buf.String(), want)
	}
	if err := e.Write(exportRow(refs[0])); !errors.Is(err, ErrEncoderClosed) {
		t.Errorf("Write after Flush: %v", err)
	}

	var empty bytes.Buffer
	if err := NewJSONEncoder(&empty).Flush(); err != nil || empty.String() != "[]\n" {
		t.Errorf("empty export %q, %v; want \"[]\\n\"", empty.String(), err)
	}
}

// TestJSONEncoderEscapes checks the hand-written escaping against
// encoding/json, on text a store should never hold but an encoder must still
// write as valid JSON.
func TestJSONEncoderEscapes(t *testing.T) {
	r := routedReferral()
	r.Name = "a\"b\\c\n\r\t\x00\x1f\x7f<&>\u2028\u2029 Ø 😀"
	r.GP = "bad \xff utf-8"
	var buf bytes.Buffer
	e := NewJSONEncoder(&buf)
	e.Write(exportRow(r))
	e.Flush()
	var got []map[string]string
	if err := json.Unmarshal(buf.Bytes(), &got); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, buf.String())
	}
	if len(got) != 1 || got[0][ColName] != r.Name || got[0][ColGP] != "bad \uFFFD utf-8" ||
		len(got[0]) != len(ImportColumns)+len(ComputedColumns) {
		t.Errorf("decoded %q", got)
	}
	if strings.ContainsAny(buf.String(), "\u2028\u2029") {
		t.Error("U+2028/U+2029 written raw")
	}
}

type failingWriter struct{ err error }

func (f failingWriter) Write([]byte) (int, error) { return 0, f.err }

func TestEncodersReportWriteErrors(t *testing.T) {
	broken := errors.New("disk full")
	c := NewCSVEncoder(failingWriter{broken})
	c.Write(exportRow(routedReferral()))
	if err := c.Flush(); !errors.Is(err, broken) {
		t.Errorf("CSV: %v", err)
	}
	j := NewJSONEncoder(failingWriter{broken})
	j.Write(exportRow(routedReferral()))
	if err := j.Flush(); !errors.Is(err, broken) {
		t.Errorf("JSON: %v", err)
	}
}

func BenchmarkCSVEncoder(b *testing.B) {
	const n = 10_000
	rows := make([]ExportRow, n)
	for i := range rows {
		rows[i] = ExportRow{Referral: benchReferral(i), ClinicianOrg: OrgDPS}
	}
	b.ReportAllocs()
	for b.Loop() {
		e := NewCSVEncoder(io.Discard)
		for _, r := range rows {
			if err := e.Write(r); err != nil {
				b.Fatal(err)
			}
		}
		if err := e.Flush(); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
}
