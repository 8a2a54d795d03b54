package message

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"

	"envei/intake"
	"envei/internal/xsdcheck"
)

// synthetic ids (Test-Norge, month + 80), never real people.
func testID(t *testing.T, birth string, dnumber bool) string {
	t.Helper()
	d, err := intake.ParseDate(birth)
	if err != nil {
		t.Fatal(err)
	}
	for ind := 0; ind < 500; ind++ {
		id, err := intake.MakeNationalID(d, ind, true)
		if err != nil {
			continue
		}
		if !dnumber {
			return id
		}
		// a D-number adds 4 to the first digit of the day.
		dn := fixControls(string(rune(id[0]+4)) + id[1:9])
		if p, err := intake.ParseNationalID(dn, true); err == nil && p.Kind == intake.IDDNumber {
			return p.Digits
		}
	}
	t.Fatal("no synthetic id made")
	return ""
}

// fixControls appends the two control digits to nine digits (classic rule).
func fixControls(nine string) string {
	w1 := []int{3, 7, 6, 1, 8, 9, 4, 5, 2}
	w2 := []int{5, 4, 3, 2, 7, 6, 5, 4, 3, 2}
	s := nine
	sum := 0
	for i, w := range w1 {
		sum += int(s[i]-'0') * w
	}
	k1 := (11 - sum%11) % 11
	s += string(rune('0' + k1%10))
	sum = 0
	for i, w := range w2 {
		sum += int(s[i]-'0') * w
	}
	k2 := (11 - sum%11) % 11
	return s + string(rune('0'+k2%10))
}

func baseInput(t *testing.T) Input {
	birth, _ := intake.ParseDate("1990-04-12")
	day, _ := intake.ParseDate("2026-03-04")
	return Input{
		MsgID:       "6f1e2c4a-1b2c-4d5e-8f90-a1b2c3d4e5f6",
		GenDate:     time.Date(2026, 3, 4, 9, 15, 0, 0, time.UTC),
		Sender:      intake.Address{Name: "Psykisk helse mottak", HerID: "81234", OrgNumber: "974760673"},
		Receiver:    intake.Address{Name: "DPS poliklinikk", HerID: "95678", OrgNumber: "123456785"},
		PatientName: "Kari Testesen Nordmann",
		BirthDate:   birth,
		NationalID:  testID(t, "1990-04-12", false),
		Clinician:   intake.Clinician{Username: "ola", Name: "Ola Klinikersen"},
		Subject:     "Overføringsnotat",
		Text:        "Notat\n\nFunn: & < > \" ' æøå\n",
		Day:         day,
	}
}

func TestBuildValidates(t *testing.T) {
	xsdcheck.Need(t)
	cases := map[string]func(*Input){
		"service, FNR": func(*Input) {},
		"service, DNR": func(in *Input) { in.NationalID = testID(t, "1990-04-12", true) },
		"no id":        func(in *Input) { in.NationalID = "" },
		"GP, no org no.": func(in *Input) {
			in.ToGP, in.GPName = true, "Ola Testlege"
			in.Receiver = intake.Address{Name: "Legesenteret", HerID: "112233"}
		},
		"with PDF":      func(in *Input) { in.PDF = []byte("%PDF-1.4 test"); in.PDFDescription = "Notat som PDF" },
		"one-word name": func(in *Input) { in.PatientName = "Kari"; in.Clinician.Name = "" },
	}
	for name, edit := range cases {
		t.Run(name, func(t *testing.T) {
			in := baseInput(t)
			edit(&in)
			doc, err := Build(in)
			if err != nil {
				t.Fatal(err)
			}
			xsdcheck.Validate(t, doc)
		})
	}
}

func TestBuildIdentKinds(t *testing.T) {
	in := baseInput(t)
	doc, _ := Build(in)
	if !bytes.Contains(doc, []byte(`V="FNR"`)) || !bytes.Contains(doc, []byte(oidBase+"8116")) {
		t.Errorf("FNR ident missing:\n%s", doc)
	}
	in.NationalID = testID(t, "1990-04-12", true)
	doc, _ = Build(in)
	if !bytes.Contains(doc, []byte(`V="DNR"`)) {
		t.Errorf("DNR ident missing:\n%s", doc)
	}
	if bytes.Contains(doc, []byte("<Merknad>")) {
		t.Error("a patient with an id has the no-id remark")
	}
	in.ToGP, in.GPName = true, "Ola Testlege"
	doc, _ = Build(in)
	if !bytes.Contains(doc, []byte(`<RoleToPatient V="6" S="2.16.578.1.12.4.1.1.9034" DN="Fastlege">`)) || !bytes.Contains(doc, []byte("<FamilyName>Testlege</FamilyName>")) {
		t.Errorf("the GP's role missing:\n%s", doc)
	}
	in.ToGP = false
	in.NationalID = ""
	doc, _ = Build(in)
	if !bytes.Contains(doc, []byte("<Merknad>"+NoIDRemark+"</Merknad>")) {
		t.Errorf("no-id remark missing:\n%s", doc)
	}
	if bytes.Contains(doc, []byte("<Ident><Id>"+in.NationalID)) || !bytes.Contains(doc, []byte("<DateOfBirth>1990-04-12</DateOfBirth>")) {
		t.Errorf("no-id patient wrong:\n%s", doc)
	}
}

func TestBuildRefuses(t *testing.T) {
	in := baseInput(t)
	in.Text = "bell \a here"
	if _, err := Build(in); !errors.Is(err, ErrForbiddenChar) {
		t.Errorf("control character: %v", err)
	}
	in = baseInput(t)
	in.Text = "bad \xff utf-8"
	if _, err := Build(in); !errors.Is(err, ErrForbiddenChar) {
		t.Errorf("invalid UTF-8: %v", err)
	}
	in = baseInput(t)
	in.Text = " \n "
	if _, err := Build(in); !errors.Is(err, ErrEmptyNote) {
		t.Errorf("empty note: %v", err)
	}
	in = baseInput(t)
	in.PatientName, in.NationalID = "", ""
	if _, err := Build(in); !errors.Is(err, ErrNoPatient) {
		t.Errorf("no patient: %v", err)
	}
}

// FuzzBuild: any note text gives a message that validates, or is refused
// for a character XML 1.0 forbids — never a broken document.
func FuzzBuild(f *testing.F) {
	for _, s := range []string{"plain", `"quotes" & <tags> > 'apos'`, "æøå ÆØÅ", "emoji 😀🇳🇴", "tab\there", "cr\r\nlf\n", "]]>", "\x00", "\uFFFE", "&amp;", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		in := baseInput(t)
		in.Text = "Notat: " + text
		in.Subject = text
		doc, err := Build(in)
		if err != nil {
			if XMLSafe(text) {
				t.Fatalf("refused a safe text: %v", err)
			}
			return
		}
		if !XMLSafe(text) {
			t.Fatal("wrote a forbidden character")
		}
		if testing.Short() {
			return
		}
		xsdcheck.Validate(t, doc)
		if !strings.Contains(string(doc), "TekstNotatInnhold") {
			t.Fatal("no note")
		}
	})
}
