package intake

import (
	"strings"
	"testing"
)

func TestValidateConsultation(t *testing.T) {
	received, today := MustParseDate("2026-11-02"), MustParseDate("2026-11-20")
	senior := Consultation{Kind: ConsultSenior, Date: MustParseDate("2026-11-19"), Clock: "14:30",
		Question: "Start an SSRI?", Advice: "Sertraline 50 mg,\nreview in 4 weeks.", MedicationReviewed: true}
	gp := Consultation{Kind: ConsultGP, Date: today, Clock: "8:05", Contact: "the office nurse", Outcome: "The GP calls the patient today."}
	cases := []struct {
		name string
		c    Consultation
		want []string // field codes
	}{
		{"senior", senior, nil},
		{"gp, one-digit hour", gp, nil},
		{"no kind", Consultation{Date: today, Clock: "08:00"}, []string{FieldConsultKind}},
		{"future day", with(senior, func(c *Consultation) { c.Date = today.AddDays(1) }), []string{FieldConsultDate}},
		{"before received", with(senior, func(c *Consultation) { c.Date = received.AddDays(-1) }), []string{FieldConsultDate}},
		{"later today", with(gp, func(c *Consultation) { c.Clock = "09:01" }), []string{FieldConsultClock}},
		{"bad clock", with(gp, func(c *Consultation) { c.Clock = "25:00" }), []string{FieldConsultClock}},
		{"no clock", with(gp, func(c *Consultation) { c.Clock = "" }), []string{FieldConsultClock}},
		{"no advice", with(senior, func(c *Consultation) { c.Advice = "  " }), []string{FieldConsultAdvice}},
		{"tab in the question", with(senior, func(c *Consultation) { c.Question = "a\tb" }), []string{FieldConsultQuestion}},
		{"escape in the outcome", with(gp, func(c *Consultation) { c.Outcome = "ok\x1b[2J" }), []string{FieldConsultOutcome}},
		{"bidi override in the contact", with(gp, func(c *Consultation) { c.Contact = "GP\u202e" }), []string{FieldConsultContact}},
		{"line break in the contact", with(gp, func(c *Consultation) { c.Contact = "GP\nnurse" }), []string{FieldConsultContact}},
		{"contact too long", with(gp, func(c *Consultation) { c.Contact = strings.Repeat("å", MaxConsultContactLen+1) }), []string{FieldConsultContact}},
		{"advice at the limit", with(senior, func(c *Consultation) { c.Advice = strings.Repeat("å", MaxConsultTextLen) }), nil},
	}
	for _, tc := range cases {
		got := ValidateConsultation(tc.c.Normalized(), received, today, "09:00")
		var codes []string
		for _, e := range got {
			codes = append(codes, e.Column)
		}
		if strings.Join(codes, ",") != strings.Join(tc.want, ",") {
			t.Errorf("%s: got %v, want %v", tc.name, got, tc.want)
		}
	}
}

// Normalizing keeps the writer's line breaks, makes Windows ones plain,
// puts the clock in HH:MM and drops the text of the other kind.
func TestConsultationNormalized(t *testing.T) {
	c := Consultation{Kind: ConsultGP, Clock: " 8:05 ", Contact: " GP ", Outcome: "line one\r\nline two\n",
		Question: "left over", MedicationReviewed: true}.Normalized()
	if c.Clock != "08:05" || c.Contact != "GP" || c.Outcome != "line one\nline two" || c.Question != "" || c.MedicationReviewed {
		t.Errorf("got %+v", c)
	}
}

func with(c Consultation, f func(*Consultation)) Consultation {
	f(&c)
	return c
}

// The trail's detail says when and whether the medication was reviewed,
// never the text, and reads back for the console to word.
func TestConsultationEventDetail(t *testing.T) {
	c := Consultation{Kind: ConsultSenior, Date: MustParseDate("2026-11-20"), Clock: "14:30",
		Question: "secret question", Advice: "secret advice", MedicationReviewed: true}
	e := Event{Kind: c.Kind.EventKind(), Detail: c.EventDetail()}
	if e.Kind != "consultation_senior" || e.Detail != "2026-11-20 14:30; medication reviewed" {
		t.Errorf("event %+v", e)
	}
	day, clock, med, ok := ParseConsultationEvent(e)
	if day != "2026-11-20" || clock != "14:30" || !med || !ok {
		t.Errorf("read back %s %s %v %v", day, clock, med, ok)
	}
	gp := Consultation{Kind: ConsultGP, Date: MustParseDate("2026-11-20"), Clock: "08:05"}
	if _, _, med, ok := ParseConsultationEvent(Event{Kind: gp.Kind.EventKind(), Detail: gp.EventDetail()}); med || !ok {
		t.Error("a GP call read back as a medication review")
	}
	if _, _, _, ok := ParseConsultationEvent(Event{Kind: "treatment_session", Detail: "60 min video"}); ok {
		t.Error("another event read as a consultation")
	}
}
