package main

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"envei/intake"
	"envei/internal/xsdcheck"
	"envei/store"
)

// messageHarness is noteHarness plus R3 (a synthetic D-number, routed to
// two services) and R4 (no national id: name and birth date only), both
// assessed and routed by kari.
func messageHarness(t *testing.T) *harness {
	t.Helper()
	h := noteHarness(t)
	h.user = "root"
	h.stdin = "ref,received,channel,addressed_to,national_id,name,birth_date,gp,clinician,first_conversation,attended\n" +
		"R3,2026-11-02,gp,dps,54838510100,Per Dnummer Test,,Ola Testlege,kari,2026-11-05,yes\n" +
		"R4,2026-11-02,gp,dps,,Uten Id Testesen,1985-03-14,Ola Testlege,kari,2026-11-05,yes\n"
	h.ok("import", "-")
	ctx := context.Background()
	s, err := store.Open(ctx, h.db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	kari, err := s.Actor(ctx, "kari")
	if err != nil {
		t.Fatal(err)
	}
	for ref, outcomes := range map[string][]string{"R3": {"dps", "municipal"}, "R4": {"dps"}} {
		if _, err := s.SaveAssessment(ctx, intake.Access{Who: kari}, ref, noteAssessment(), true, ""); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Route(ctx, intake.Access{Who: kari}, ref, 0, outcomes, "Needs treatment."); err != nil {
			t.Fatal(err)
		}
	}
	return h
}

func setAddresses(h *harness) {
	h.user = "root"
	h.ok("reception", "set", "--name", "Psykisk helsemottak En vei inn", "--her-id", "81234", "--org-number", "974760673")
	h.ok("service", "set", "dps", "--her-id", "95678", "--org-number", "123456785", "--unit-name", "DPS poliklinikk")
	h.ok("service", "set", "municipal", "--her-id", "95679")
	h.user = "kari"
}

func outboxFiles(t *testing.T, h *harness) []string {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(filepath.Dir(h.db), "outbox", "*.xml"))
	return files
}

func TestMessageNeedsAddresses(t *testing.T) {
	h := messageHarness(t)
	h.user = "kari"
	r := h.run("message", "R1", "--to", "dps")
	if r.code == 0 || !strings.Contains(r.stderr, "envei reception set --name") {
		t.Fatalf("no reception address: exit %d, %s", r.code, r.stderr)
	}
	h.user = "root"
	r = h.run("reception", "set", "--name", "Mottak", "--her-id", "81234", "--org-number", "974760674")
	if r.code == 0 || !strings.Contains(r.stderr, "org-number") || strings.Contains(r.stderr, "974760674") {
		t.Fatalf("bad org number: exit %d, %s", r.code, r.stderr)
	}
	h.ok("reception", "set", "--name", "Mottak", "--her-id", "81234", "--org-number", "974760673")
	if out := h.ok("reception", "show"); !strings.Contains(out, "974760673") || !strings.Contains(out, "81234") {
		t.Errorf("reception show: %s", out)
	}
	h.user = "kari"
	r = h.run("message", "R1", "--to", "dps")
	if r.code == 0 || !strings.Contains(r.stderr, "envei service set dps --her-id") {
		t.Fatalf("no service address: exit %d, %s", r.code, r.stderr)
	}
	r = h.run("message", "R1", "--to", "gp")
	if r.code == 0 || !strings.Contains(r.stderr, "--gp-her-id") {
		t.Fatalf("no GP HER-id: exit %d, %s", r.code, r.stderr)
	}
	r = h.run("message", "R1", "--to", "municipal")
	if r.code == 0 || !strings.Contains(r.stderr, "not routed to that service") {
		t.Fatalf("service outside the routing: exit %d, %s", r.code, r.stderr)
	}
	if f := outboxFiles(t, h); len(f) != 0 {
		t.Errorf("refused messages left files: %v", f)
	}
	h.user = "root"
	r = h.run("service", "set", "dps", "--her-id", "0")
	if r.code == 0 || !strings.Contains(r.stderr, "HER-id") {
		t.Errorf("HER-id 0 accepted: %s", r.stderr)
	}
}

func TestMessageWritesValidMessages(t *testing.T) {
	xsdcheck.Need(t)
	h := messageHarness(t)
	setAddresses(h)
	h.ok("message", "R1", "--to", "dps")
	h.ok("message", "R1", "--to", "gp", "--gp-her-id", "112233")
	out := h.ok("message", "R4", "--to", "dps")
	if !strings.Contains(out, "no national id") {
		t.Errorf("no-id message not said: %s", out)
	}
	h.ok("message", "R3", "--to", "dps")
	h.ok("message", "R3", "--to", "municipal")

	dir := filepath.Join(filepath.Dir(h.db), "outbox")
	if fi, err := os.Stat(dir); err != nil || fi.Mode().Perm() != 0o700 {
		t.Errorf("outbox: %v %v", fi.Mode(), err)
	}
	files := outboxFiles(t, h)
	if len(files) != 5 {
		t.Fatalf("want 5 messages, got %d", len(files))
	}
	var all strings.Builder
	for _, f := range files {
		fi, _ := os.Stat(f)
		if fi.Mode().Perm() != 0o600 {
			t.Errorf("%s mode %v", f, fi.Mode())
		}
		doc, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		xsdcheck.Validate(t, doc)
		all.Write(doc)
	}
	for _, want := range []string{`V="FNR"`, `V="DNR"`, "<DateOfBirth>1985-03-14</DateOfBirth>", "<Id>112233</Id>", "<Id>95679</Id>", "DIALOG_HELSEFAGLIG"} {
		if !strings.Contains(all.String(), want) {
			t.Errorf("no message holds %s", want)
		}
	}

	s, err := store.Open(context.Background(), h.db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	msgs, err := s.Messages(context.Background(), "R3")
	if err != nil || len(msgs) != 2 || msgs[0].Receiver != "dps" || msgs[1].Receiver != "municipal" || msgs[0].NoteVersion != 1 {
		t.Fatalf("R3 messages: %+v %v", msgs, err)
	}
	for _, m := range msgs {
		if _, err := os.Stat(filepath.Join(dir, m.MsgID+".xml")); err != nil {
			t.Errorf("recorded message has no file: %v", err)
		}
	}
	events, err := s.Events(context.Background(), "R3")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, e := range events {
		if e.Kind == store.EventMessageWritten {
			n++
		}
	}
	if n != 2 {
		t.Errorf("want 2 message_written events, got %d", n)
	}
}

func TestMessageToStdout(t *testing.T) {
	xsdcheck.Need(t)
	h := messageHarness(t)
	setAddresses(h)
	out := h.ok("message", "R1", "--to", "dps", "--out", "-")
	xsdcheck.Validate(t, []byte(out))
	if f := outboxFiles(t, h); len(f) != 0 {
		t.Errorf("stdout message also wrote %v", f)
	}
}

func appRec(msgID, status, errs string) string {
	return `<?xml version="1.0" encoding="UTF-8"?>
<AppRec xmlns="http://www.kith.no/xmlstds/apprec/2012-02-15">
  <MsgType V="APPREC" DN="Applikasjonskvittering"/>
  <MIGversion>v1.1 2012-02-15</MIGversion>
  <GenDate>2026-11-22T10:00:00</GenDate>
  <Id>b1a2c3d4-0000-4000-8000-000000000001</Id>
  <Sender><HCP><Inst><Name>DPS poliklinikk</Name><Id>95678</Id><TypeId V="HER" DN="HER-id"/></Inst></HCP></Sender>
  <Receiver><HCP><Inst><Name>Mottak</Name><Id>81234</Id><TypeId V="HER" DN="HER-id"/></Inst></HCP></Receiver>
  <Status V="` + status + `" DN="x"/>
  ` + errs + `
  <OriginalMsgId><MsgType V="DIALOG_HELSEFAGLIG" DN="Helsefaglig dialog"/><IssueDate>2026-11-22T10:00:00</IssueDate><Id>` + msgID + `</Id></OriginalMsgId>
</AppRec>
`
}

func TestReceipts(t *testing.T) {
	h := messageHarness(t)
	setAddresses(h)
	h.ok("message", "R3", "--to", "dps")
	h.ok("message", "R3", "--to", "municipal")
	s, err := store.Open(context.Background(), h.db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	msgs, err := s.Messages(context.Background(), "R3")
	s.Close()
	if err != nil || len(msgs) != 2 {
		t.Fatal(msgs, err)
	}
	okRec := appRec(msgs[0].MsgID, "1", "")
	rejRec := appRec(msgs[1].MsgID, "2", `<Error V="E21" S="2.16.578.1.12.4.1.1.8221" DN="Mottaker finnes ikke"/>`)
	if _, err := exec.LookPath("xmllint"); err == nil {
		// the test's receipts are real AppRec 1.1 documents
		xsdcheck.Validate(t, []byte(okRec))
		xsdcheck.Validate(t, []byte(rejRec))
	}

	h.stdin = okRec
	if out := h.ok("receipt", "-"); !strings.Contains(out, "acknowledged") {
		t.Errorf("OK receipt: %s", out)
	}
	h.stdin = rejRec
	if out := h.ok("receipt", "-"); !strings.Contains(out, "rejected") || !strings.Contains(out, "E21: Mottaker finnes ikke") {
		t.Errorf("rejected receipt: %s", out)
	}
	// A second receipt for the same message changes nothing.
	h.stdin = appRec(msgs[0].MsgID, "2", "")
	if r := h.run("receipt", "-"); r.code == 0 || !strings.Contains(r.stderr, "already has its receipt") {
		t.Errorf("duplicate receipt: exit %d %s", r.code, r.stderr)
	}
	// Unknown MsgId.
	h.stdin = appRec("00000000-0000-4000-8000-000000000000", "1", "")
	if r := h.run("receipt", "-"); r.code == 0 || !strings.Contains(r.stderr, "no message envei wrote has that MsgId") {
		t.Errorf("unknown MsgId: exit %d %s", r.code, r.stderr)
	}
	// Not an AppRec: garbage, and a MsgHead.
	for _, bad := range []string{"not xml at all", "<MsgHead xmlns=\"http://www.kith.no/xmlstds/msghead/2006-05-24\"/>", appRec(msgs[1].MsgID, "9", "")} {
		h.stdin = bad
		if r := h.run("receipt", "-"); r.code == 0 || !strings.Contains(r.stderr, "not an AppRec") {
			t.Errorf("malformed receipt accepted: exit %d %s", r.code, r.stderr)
		}
	}

	s, err = store.Open(context.Background(), h.db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	msgs, _ = s.Messages(context.Background(), "R3")
	if msgs[0].Status != "1" || msgs[1].Status != "2" || msgs[1].ReceiptError != "E21: Mottaker finnes ikke" || msgs[0].ReceiptError != "" {
		t.Errorf("recorded receipts: %+v", msgs)
	}
}

// The GP's HER-id comes in with the CSV (gp_her_id), goes out with the
// export, and addresses the message to the GP without --gp-her-id.
func TestGPHerIDFromImport(t *testing.T) {
	xsdcheck.Need(t)
	h := messageHarness(t)
	h.stdin = "ref,received,channel,addressed_to,national_id,name,gp,gp_her_id,clinician,first_conversation,attended\n" +
		"R5,2026-11-02,gp,dps,,Ikke Mott Testesen,Ola Testlege,445566,kari,2026-11-05,no\n"
	h.ok("import", "-")
	setAddresses(h)
	h.ok("message", "R5", "--to", "gp")
	files := outboxFiles(t, h)
	if len(files) != 1 {
		t.Fatalf("%d messages", len(files))
	}
	doc, _ := os.ReadFile(files[0])
	xsdcheck.Validate(t, doc)
	if !strings.Contains(string(doc), "<Id>445566</Id>") {
		t.Errorf("GP HER-id not the receiver:\n%s", doc)
	}
	h.user = "root"
	out := h.ok("export")
	lines := strings.Split(out, "\n")
	if !strings.Contains(lines[0], "gp_her_id") || !strings.Contains(out, ",445566,") {
		t.Errorf("export lacks the GP's HER-id:\n%s", out)
	}
}

// The note as a PDF holds the text note's sections and the Norwegian
// letters, and is the message's attachment with --attach-pdf.
func TestNotePDFAndAttachment(t *testing.T) {
	pdftotext, err := exec.LookPath("pdftotext")
	if err != nil {
		if os.Getenv("ENVEI_REQUIRE_XMLLINT") != "" {
			t.Fatal("pdftotext is required under CI (Debian: poppler-utils)")
		}
		t.Skip("pdftotext not installed (Debian: poppler-utils)")
	}
	h := messageHarness(t)
	setAddresses(h)
	file := filepath.Join(t.TempDir(), "note.pdf")
	h.terminal = true
	if r := h.run("note", "R1", "--format", "pdf"); r.code != exitUsage || !strings.Contains(r.stderr, "--out FILE") {
		t.Errorf("a PDF to the terminal: exit %d %s", r.code, r.stderr)
	}
	h.terminal = false
	h.ok("note", "R1", "--format", "pdf", "--out", file, "--lang", "nb")
	if fi, err := os.Stat(file); err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("pdf file: %v %v", fi, err)
	}
	text, err := exec.Command(pdftotext, "-layout", file, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	want := h.ok("note", "R1", "--lang", "nb")
	// pdftotext sets its own spacing between columns: compare words.
	words := func(s string) string { return strings.Join(strings.Fields(s), " ") }
	got := words(string(text))
	for _, line := range strings.Split(want, "\n") {
		line = words(line)
		if strings.Trim(line, "=") == "" || strings.Trim(line, "-") == "" {
			// The rule under the text's title (the PDF sets the title in
			// large type instead) and above the signature (drawn as a line).
			continue
		}
		if !strings.Contains(got, line) {
			t.Errorf("PDF lacks the note's line %q", line)
		}
	}
	if !strings.ContainsAny(string(text), "æøå") {
		t.Error("no Norwegian letters in the PDF's text")
	}

	xsdcheck.Need(t)
	h.ok("message", "R1", "--to", "dps", "--attach-pdf")
	files := outboxFiles(t, h)
	if len(files) != 1 {
		t.Fatalf("%d messages", len(files))
	}
	doc, _ := os.ReadFile(files[0])
	xsdcheck.Validate(t, doc)
	if !strings.Contains(string(doc), "<MimeType>application/pdf</MimeType>") || !strings.Contains(string(doc), ">JVBERi") {
		t.Error("no PDF attachment (base64 of %PDF)")
	}
}

// The console's one-step sending writes every receiver's message into
// the outbox, and names the one it could not write.
func TestConsoleMessages(t *testing.T) {
	xsdcheck.Need(t)
	h := messageHarness(t)
	setAddresses(h)
	ctx := context.Background()
	s, err := store.Open(ctx, h.db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	kari, _ := s.Actor(ctx, "kari")
	a := &app{now: func() time.Time { return time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC) }}
	res := consoleMessages(ctx, a, s, intake.Access{Who: kari}, "R3", []string{"dps", "municipal", "gp"}, "nb")
	if len(res) != 3 || res[0].Err != nil || res[1].Err != nil || !errors.Is(res[2].Err, intake.ErrMessageAddress) {
		t.Fatalf("results: %+v", res)
	}
	files := outboxFiles(t, h)
	if len(files) != 2 {
		t.Fatalf("%d files", len(files))
	}
	for _, f := range files {
		doc, _ := os.ReadFile(f)
		xsdcheck.Validate(t, doc)
	}
}
