package message

import (
	"errors"
	"strings"
	"testing"

	"envei/internal/xsdcheck"
)

const testAppRec = `<?xml version="1.0" encoding="UTF-8"?>
<AppRec xmlns="http://www.kith.no/xmlstds/apprec/2012-02-15">
  <MsgType V="APPREC" DN="Applikasjonskvittering"/>
  <MIGversion>v1.1 2012-02-15</MIGversion>
  <GenDate>2026-11-22T10:00:00</GenDate>
  <Id>b1a2c3d4-0000-4000-8000-000000000001</Id>
  <Sender><HCP><Inst><Name>DPS</Name><Id>95678</Id><TypeId V="HER" DN="HER-id"/></Inst></HCP></Sender>
  <Receiver><HCP><Inst><Name>Mottak</Name><Id>81234</Id><TypeId V="HER" DN="HER-id"/></Inst></HCP></Receiver>
  <Status V="STATUS" DN="x"/>
  ERRORS
  <OriginalMsgId><MsgType V="DIALOG_HELSEFAGLIG" DN="Helsefaglig dialog"/><IssueDate>2026-11-22T10:00:00</IssueDate><Id>6f1e2c4a-1b2c-4d5e-8f90-a1b2c3d4e5f6</Id></OriginalMsgId>
</AppRec>
`

func appRecDoc(status, errs string) string {
	return strings.NewReplacer("STATUS", status, "ERRORS", errs).Replace(testAppRec)
}

func TestParseAppRec(t *testing.T) {
	rejected := appRecDoc("2", `<Error V="E21" S="2.16.578.1.12.4.1.1.8221" DN="Mottaker finnes ikke"/><Error V="T01" DN="Feil i meldingen"/>`)
	if haveXmllint() { // the parse needs no xmllint; the receipt is a real AppRec
		xsdcheck.Validate(t, []byte(rejected))
	}
	rc, err := ParseAppRec(strings.NewReader(rejected))
	if err != nil {
		t.Fatal(err)
	}
	if rc.OriginalMsgID != "6f1e2c4a-1b2c-4d5e-8f90-a1b2c3d4e5f6" || rc.Status != StatusRejected || len(rc.Errors) != 2 ||
		rc.Errors[0] != (ReceiptError{"E21", "Mottaker finnes ikke"}) {
		t.Errorf("parsed %+v", rc)
	}
	for name, doc := range map[string]string{
		"not XML":        "hello",
		"a MsgHead":      `<MsgHead xmlns="` + NSMsgHead + `"/>`,
		"old namespace":  strings.Replace(appRecDoc("1", ""), NSAppRec, "http://www.kith.no/xmlstds/apprec/2004-11-21", 1),
		"unknown status": appRecDoc("7", ""),
		"no MsgId":       strings.Replace(appRecDoc("1", ""), "<Id>6f1e2c4a-1b2c-4d5e-8f90-a1b2c3d4e5f6</Id>", "", 1),
		"version 1.0":    strings.Replace(appRecDoc("1", ""), "v1.1 2012-02-15", "v1.0 2004-11-21", 1),
	} {
		if _, err := ParseAppRec(strings.NewReader(doc)); !errors.Is(err, ErrNotAppRec) {
			t.Errorf("%s: %v", name, err)
		}
	}
}

// FuzzParseAppRec: any input parses or is refused as not an AppRec; it
// never panics, and what it accepts names a MsgId and a known status.
func FuzzParseAppRec(f *testing.F) {
	f.Add(appRecDoc("1", ""))
	f.Add(appRecDoc("3", `<Error V="E10" DN="x"/>`))
	f.Add("<AppRec/>")
	f.Fuzz(func(t *testing.T, doc string) {
		rc, err := ParseAppRec(strings.NewReader(doc))
		if err != nil {
			return
		}
		if rc.OriginalMsgID == "" || StatusWord(rc.Status) == "sent" {
			t.Fatalf("accepted %+v", rc)
		}
	})
}
