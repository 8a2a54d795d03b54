package tui

import (
	"context"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"envei/intake"
)

// collisionWords are the names of every key bound somewhere in the console
// or in huh's key maps. Typed fast (or over a network link), bubbletea
// delivers each run of non-space characters as one KeyRunes message, so a
// word such as "down" arrives as a message whose String() is "down".
const collisionWords = "up down left right end home enter tab esc space pgup pgdown q ? j k g G n a s e r p l t c w f m " +
	"shift+tab ctrl+c ctrl+r f5 backspace"

// collide is the text typed into one field: the field's tag, then every
// key name.
func collide(tag string) string { return tag + ": " + collisionWords }

// typing says how text reaches the console.
type typing struct {
	name  string
	paste bool // one bracketed paste; else one message per run of non-space characters
}

var typings = []typing{{"runs", false}, {"paste", true}}

// textMsgs are the messages bubbletea v1.3.10 makes of text arriving in
// one read: a KeyRunes per run of non-space characters and a KeySpace per
// space, or a single KeyRunes with Paste set for a bracketed paste.
func textMsgs(text string, paste bool) []tea.Msg {
	if paste {
		return []tea.Msg{tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(text), Paste: true}}
	}
	var out []tea.Msg
	for i, run := range strings.Split(text, " ") {
		if i > 0 {
			out = append(out, tea.KeyMsg{Type: tea.KeySpace, Runes: []rune{' '}})
		}
		if run != "" {
			out = append(out, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(run)})
		}
	}
	return out
}

// filler types into one form's fields through the real root model.
type filler struct {
	h     *headless
	paste bool
}

// field waits until title has the focus, types text fast, and moves on.
func (f filler) field(title, text string) {
	f.h.t.Helper()
	f.h.waitAfter(f.h.mark()-1, "the field "+title, has("┃ "+title))
	f.h.send(textMsgs(text, f.paste)...)
	f.h.keys("enter")
}

// key waits until title has the focus and sends keys.
func (f filler) key(title string, keys ...string) {
	f.h.t.Helper()
	f.h.waitAfter(f.h.mark()-1, "the field "+title, has("┃ "+title))
	f.h.keys(keys...)
}

// clear waits for title and deletes n characters of its default value.
func (f filler) clear(title string, n int) {
	f.h.t.Helper()
	keys := make([]string, n)
	for i := range keys {
		keys[i] = "backspace"
	}
	f.key(title, keys...)
}

func (f filler) open(s screen) { f.h.send(pushMsg{s}) }

func (f filler) wait(what string, texts ...string) string {
	f.h.t.Helper()
	return f.h.waitAfter(f.h.mark()-1, what, has(texts...))
}

func want(t *testing.T, what, got, typed string) {
	t.Helper()
	if got != typed {
		t.Errorf("%s stored %q, typed %q", what, got, typed)
	}
}

// Every text field of every form keeps what was typed fast or pasted,
// word for word, even words that name a key ("down", "enter", "ctrl+c").
func TestFormsKeepFastTypedText(t *testing.T) {
	for _, ty := range typings {
		t.Run(ty.name, func(t *testing.T) {
			t.Run("register", func(t *testing.T) { registerFast(t, ty.paste) })
			t.Run("assessment route withdraw", func(t *testing.T) { assessRouteFast(t, ty.paste) })
			t.Run("break-the-glass withdraw", func(t *testing.T) { breakGlassWithdrawFast(t, ty.paste) })
			t.Run("treatment", func(t *testing.T) { treatmentFast(t, ty.paste) })
			t.Run("roster services", func(t *testing.T) { rosterServicesFast(t, ty.paste) })
			t.Run("welcome reassign", func(t *testing.T) { welcomeReassignFast(t, ty.paste) })
		})
	}
}

func registerFast(t *testing.T, paste bool) {
	s := testStore(t, 0)
	h := startHeadless(t, testOptions(t, s, "root", LangEN), 100, 40)
	defer h.quit()
	f := filler{h, paste}
	f.wait("the welcome screen", "Welcome to envei") // the first screen replaces the stack
	f.open(newRegister(h.m.c))
	f.key("How did the patient come?", "enter")
	f.key("The GP addressed the referral to", "enter")
	f.key("Date received", "enter")
	f.field("Name", collide("name"))
	f.key("Does the patient have a Norwegian national id?", "enter")
	f.field("National id", "14838510036")
	f.field("Phone", "900 00 000")
	f.field("Home municipality", collide("municipality"))
	f.field("GP", collide("gp"))
	f.field("GP practice", collide("practice"))
	f.key("GP office HER-id", "enter")
	f.field("Reason for contact", collide("reason"))
	f.key("Urgent?", "enter")
	f.wait("the referral registered", "Registered 2026-00001")

	rec, err := s.ReferralDetail(context.Background(), rootReading, "2026-00001")
	if err != nil {
		t.Fatal(err)
	}
	r, d := rec.Row.Referral, rec.Details
	want(t, "name", r.Name, collide("name"))
	want(t, "national id", r.NationalID, "14838510036")
	want(t, "phone", d.Phone, "900 00 000")
	want(t, "municipality", d.Municipality, collide("municipality"))
	want(t, "gp", r.GP, collide("gp"))
	want(t, "practice", d.GPPractice, collide("practice"))
	want(t, "reason", d.Reason, collide("reason"))
}

func assessRouteFast(t *testing.T, paste bool) {
	opts, detail, history := attendedOne(t)
	h := startHeadless(t, opts, 100, 60)
	defer h.quit()
	f := filler{h, paste}
	f.wait("the worklist", "2026-00001")
	f.open(newAssess(h.m.c, "2026-00001"))
	texts := []struct{ title, tag string }{
		{"Reason for contact, in the patient's own words", "reason"}, {"Current situation", "situation"},
		{"How long has it lasted?", "duration"}, {"Earlier help and treatment", "earlier"},
		{"Somatic health", "somatic"}, {"Medication", "medication"}, {"Substance use", "substance"},
		{"Daily functioning", "daily"}, {"Network and resources", "network"},
	}
	for _, x := range texts {
		f.field(x.title, collide(x.tag))
	}
	f.key("Minor children in the home?", "right", "enter") // yes
	f.field("If so: how are the children", collide("children"))
	f.field("The patient's own goals", collide("goals"))
	f.field("PHQ-9: item scores", "222111110")
	f.field("Not done? Say why", "")
	f.field("GAD-7: item scores", "2222111")
	f.field("Not done? Say why", "")
	f.field("AUDIT: item scores", "")
	f.field("Not done? Say why", collide("audit"))
	f.key("Suicide risk", "down", "down", "enter") // low
	f.field("Protective factors", collide("protective"))
	f.field("Plan (required", collide("plan"))
	f.key("Violence risk", "enter")
	f.field("Violence: note", collide("violence"))
	f.key("Right to necessary health care?", "right", "enter") // yes
	f.field("Latest start of care", "2027-01-15")
	f.key("Priority", "right", "enter") // ordinary
	f.field("Reasoning: expected benefit", collide("benefit"))
	f.field("Reasoning: cost-effectiveness", collide("cost"))
	f.field("Reasoning: severity", collide("severity"))
	f.field("Decided on", "")
	f.key("Recommendation", "x", "enter") // DPS
	f.key("Then", "down", "enter")        // complete
	f.wait("the assessment completed", "assessment completed (version 1)")

	hs := history("2026-00001")
	if len(hs) != 1 || hs[0].Status != intake.AssessmentCompleted {
		t.Fatalf("history: %+v", hs)
	}
	a := hs[0].Assessment
	for _, c := range []struct{ what, got string }{
		{"reason", a.ReasonOwnWords}, {"situation", a.CurrentSituation}, {"duration", a.Duration},
		{"earlier", a.EarlierHelp}, {"somatic", a.SomaticHealth}, {"medication", a.Medication},
		{"substance", a.SubstanceUse}, {"daily", a.DailyFunctioning}, {"network", a.Network},
		{"children", a.ChildrenFollowUp}, {"goals", a.Goals}, {"audit", a.Instruments[intake.InstrumentAUDIT].NotDoneReason},
		{"protective", a.Risk.ProtectiveFactors}, {"plan", a.Risk.Plan}, {"violence", a.Risk.ViolenceNote},
		{"benefit", a.Rights.ExpectedBenefit}, {"cost", a.Rights.CostEffectiveness}, {"severity", a.Rights.Severity},
	} {
		want(t, c.what, c.got, collide(c.what))
	}
	if items := a.Instruments[intake.InstrumentPHQ9].Items; len(items) != 9 || items[0] != 2 || items[8] != 0 {
		t.Errorf("PHQ-9 items %v, typed 222111110", items)
	}
	want(t, "latest start", a.Rights.LatestStart.String(), "2027-01-15")

	f.open(newRoute(h.m.c, "2026-00001"))
	f.key("Where does the patient go?", "enter")
	f.field("Justification", collide("route"))
	f.wait("the referral routed", "2026-00001 routed to")
	want(t, "route note", detail("2026-00001").Details.RouteNote, collide("route"))
}

func breakGlassWithdrawFast(t *testing.T, paste bool) {
	s, opts := seedOne(t)
	ctx := context.Background()
	if _, err := s.Assign(ctx, opts.User, "2026-00001", opts.Random); err != nil {
		t.Fatal(err)
	}
	h := startHeadless(t, opts, 100, 40)
	defer h.quit()
	f := filler{h, paste}
	f.wait("the worklist", "2026-00001")
	h.send(openReferral(h.m.c, "2026-00001")())
	f.field("Why do you need this record?", collide("glass"))
	f.wait("the referral read", "· Referral 2026-00001", "  →  ")
	log, err := s.PatientAccess(ctx, opts.User, "2026-00001")
	if err != nil {
		t.Fatal(err)
	}
	var reasons []string
	for _, r := range log {
		if r.Reason != "" {
			reasons = append(reasons, r.Reason)
		}
	}
	if len(reasons) == 0 {
		t.Errorf("no reason in the access log")
	}
	for _, r := range reasons {
		want(t, "break-the-glass reason", r, collide("glass"))
	}

	f.open(newWithdraw(h.m.c, "2026-00001", 0))
	f.field("Why is the referral withdrawn?", collide("withdraw"))
	f.wait("the referral withdrawn", "2026-00001 withdrawn.")
	rec, err := s.ReferralDetail(ctx, rootReading, "2026-00001")
	if err != nil {
		t.Fatal(err)
	}
	var why string
	for _, e := range rec.Events {
		if e.Kind == "withdrawn" {
			why = e.Detail
		}
	}
	want(t, "withdrawal reason", why, collide("withdraw"))
}

func treatmentFast(t *testing.T, paste bool) {
	opts, _, _ := attendedOne(t)
	ctx := context.Background()
	b, who := opts.Backend, intake.Access{Who: opts.User}
	if _, err := b.SaveAssessment(ctx, who, "2026-00001", demoReadyAssessment(), true, ""); err != nil {
		t.Fatal(err)
	}
	if _, err := b.Route(ctx, who, "2026-00001", 0, []string{"reception"}, "short treatment"); err != nil {
		t.Fatal(err)
	}
	h := startHeadless(t, opts, 100, 40)
	defer h.quit()
	f := filler{h, paste}
	f.wait("the worklist", "2026-00001")
	f.open(newSession(h.m.c, "2026-00001", nil))
	f.clear("Date", len("2026-11-22"))
	f.field("Date", "2026-11-20")
	f.clear("Minutes", 2)
	f.field("Minutes", "130")
	f.key("Mode", "enter")
	f.wait("the session logged", "used 2 h 10 min of 6 h")
	ep, err := b.Treatment(ctx, who, "2026-00001")
	if err != nil {
		t.Fatal(err)
	}
	if len(ep.Sessions) != 1 || ep.Sessions[0].Minutes != 130 || ep.Sessions[0].Date.String() != "2026-11-20" {
		t.Errorf("sessions %+v, typed 2026-11-20 and 130 minutes", ep.Sessions)
	}
}

func rosterServicesFast(t *testing.T, paste bool) {
	s := testStore(t, 0)
	ctx := context.Background()
	h := startHeadless(t, testOptions(t, s, "root", LangEN), 100, 40)
	defer h.quit()
	f := filler{h, paste}
	f.wait("the welcome screen", "Welcome to envei") // the first screen replaces the stack
	f.open(newAddClinician(h.m.c))
	f.field("Username", "kmnord")
	f.field("Name", collide("name"))
	f.key("Organisation", "enter")
	f.key("Role", "enter")
	f.wait("the clinician added", "Added kmnord")
	roster, err := s.Roster(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var name string
	for _, c := range roster {
		if c.Username == "kmnord" {
			name = c.Name
		}
	}
	want(t, "clinician name", name, collide("name"))

	f.open(newAddService(h.m.c))
	f.field("Code", "crisis_beds")
	f.field("Label (Norwegian)", collide("nb"))
	f.field("Label (English)", collide("en"))
	f.key("Category", "enter")
	f.wait("the service added", "Added crisis_beds.")
	svcs, err := s.Services(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var got intake.Service
	for _, svc := range svcs {
		if svc.Code == "crisis_beds" {
			got = svc
		}
	}
	want(t, "label nb", got.LabelNB, collide("nb"))
	want(t, "label en", got.LabelEN, collide("en"))
}

func welcomeReassignFast(t *testing.T, paste bool) {
	s, opts := seedOne(t)
	ctx := context.Background()
	if _, err := s.Assign(ctx, opts.User, "2026-00001", opts.Random); err != nil {
		t.Fatal(err)
	}
	h := startHeadless(t, opts, 100, 40)
	defer h.quit()
	f := filler{h, paste}
	f.wait("the worklist", "2026-00001")
	f.open(newWelcome(h.m.c))
	f.clear("Name", len("Rut Rot"))
	f.field("Name", collide("welcome"))
	f.key("Organisation", "enter")
	f.key("Begin with", "down", "down", "enter") // an empty start
	f.wait("the worklist again", "· Worklist")
	me, err := s.Actor(ctx, "root")
	if err != nil {
		t.Fatal(err)
	}
	want(t, "own name", me.Name, collide("welcome"))

	f.open(newReassign(h.m.c, "2026-00001"))
	f.field("Why reassign?", collide("reassign"))
	f.wait("the referral reassigned", "drawn at random")
	rec, err := s.ReferralDetail(ctx, rootReading, "2026-00001")
	if err != nil {
		t.Fatal(err)
	}
	var why string
	if n := len(rec.Draws); n > 0 {
		why = rec.Draws[n-1].Reason
	}
	want(t, "reassignment reason", why, collide("reassign"))
}

// On a screen with no text field, a word is not a string of commands: a
// burst of one repeated key moves as the keys would, any other burst and
// any paste do nothing. Where a text field has the keyboard (the
// worklist's search) the word is text.
func TestWordsOnAListAreNotCommands(t *testing.T) {
	s := testStore(t, 30)
	h := startHeadless(t, testOptions(t, s, "root", LangEN), 100, 40)
	f := filler{h, false}
	f.wait("the worklist", "· Worklist", "Ref")
	h.waitAfter(0, "the rows", func(s string) bool { return strings.Count(s, "\n") > 10 && !strings.Contains(s, "Loading") })
	h.send(
		tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("jj")},
		tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("and")},                  // a: assign, n: new registration
		tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("n"), Paste: true},       // a pasted n is no key
		tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("?q"), Paste: false},     // nor help and quit
		tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("ctrl+c"), Paste: false}, // nor the word ctrl+c
	)
	h.quit()
	if len(h.m.stack) != 1 || h.m.quitting || h.m.showHelp {
		t.Fatalf("a burst of letters acted: %d screens, quitting %v, help %v", len(h.m.stack), h.m.quitting, h.m.showHelp)
	}
	w := h.m.top().(worklist)
	if w.cursor != 2 {
		t.Errorf("jj moved the cursor to row %d, want 2", w.cursor)
	}
	if h.m.toast.text != "" {
		t.Errorf("a burst of letters said %q", h.m.toast.text)
	}

	h = startHeadless(t, testOptions(t, s, "root", LangEN), 100, 40)
	f = filler{h, false}
	f.wait("the worklist", "· Worklist", "Ref")
	h.keys("/")
	h.send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("down")}, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("enter")})
	h.quit()
	w = h.m.top().(worklist)
	if !w.searching || w.search.Value() != "downenter" {
		t.Errorf("search %q (searching %v), typed downenter", w.search.Value(), w.searching)
	}
}

// The rule itself, message by message.
func TestScreenKeys(t *testing.T) {
	runes := func(s string, paste bool) tea.KeyMsg {
		return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(s), Paste: paste}
	}
	for _, c := range []struct {
		in     tea.KeyMsg
		typing bool
		want   []string
	}{
		{runes("j", false), false, []string{"j"}},
		{tea.KeyMsg{Type: tea.KeyDown}, false, []string{"down"}},
		{runes("down", false), true, []string{"[down]"}},
		{runes("down", false), false, nil},
		{runes("jjj", false), false, []string{"j", "j", "j"}},
		{runes("jj", true), true, []string{"[jj]"}},
		{runes("q", true), false, nil},
		{runes("q", true), true, []string{"[q]"}},
	} {
		var got []string
		for _, k := range screenKeys(c.in, c.typing) {
			got = append(got, k.String())
		}
		if strings.Join(got, " ") != strings.Join(c.want, " ") {
			t.Errorf("screenKeys(%q, typing %v) = %q, want %q", c.in.String(), c.typing, got, c.want)
		}
	}
}
