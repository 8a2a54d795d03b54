package intake

import (
	"slices"
	"testing"
)

func sessionsOf(minutes ...int) []Session {
	out := make([]Session, len(minutes))
	for k, m := range minutes {
		out[k] = Session{Date: MustParseDate("2025-03-03").AddDays(7 * k), Minutes: m, Mode: SessionInPerson}
	}
	return out
}

func TestTreatmentMinutesUsed(t *testing.T) {
	tests := []struct {
		sessions []Session
		want     int
	}{
		{nil, 0},
		{sessionsOf(45), 45},
		{sessionsOf(45, 60, 90), 195},
		{[]Session{{Minutes: 30, Mode: SessionETreatment}, {Minutes: 45, Mode: SessionVideo}}, 75},
	}
	for _, tt := range tests {
		if got := MinutesUsed(tt.sessions); got != tt.want {
			t.Errorf("MinutesUsed(%v) = %d, want %d", tt.sessions, got, tt.want)
		}
	}
}

// The edges: warn from five hours, over only past six (up to six hours is
// within the offer), for what is logged and for the session about to be.
func TestTreatmentWarning(t *testing.T) {
	tests := []struct {
		name     string
		sessions []Session
		next     int
		want     TreatmentLevel
	}{
		{"nothing", nil, 0, ""},
		{"4 h 59", sessionsOf(60, 60, 60, 60, 59), 0, ""},
		{"5 h", sessionsOf(60, 60, 60, 60, 60), 0, "near"},
		{"next reaches 5 h", sessionsOf(60, 60, 60, 60), 60, "near"},
		{"next stays under 5 h", sessionsOf(60, 60, 60, 60), 59, ""},
		{"exactly 6 h", sessionsOf(60, 60, 60, 60, 60, 60), 0, "near"},
		{"next reaches 6 h exactly", sessionsOf(60, 60, 60, 60, 60), 60, "near"},
		{"next passes 6 h by a minute", sessionsOf(60, 60, 60, 60, 60), 61, "over"},
		{"already over", sessionsOf(120, 120, 121), 0, "over"},
		{"first session alone", nil, 240, ""},
	}
	for _, tt := range tests {
		if got := TreatmentWarning(tt.sessions, tt.next); got != tt.want {
			t.Errorf("%s: %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestValidateSession(t *testing.T) {
	today := MustParseDate("2025-06-10")
	tests := []struct {
		name string
		s    Session
		want []string // field codes
	}{
		{"fine", Session{today, 45, SessionInPerson}, nil},
		{"one minute", Session{today, 1, SessionVideo}, nil},
		{"four hours", Session{today.AddDays(-30), 240, SessionETreatment}, nil},
		{"zero minutes", Session{today, 0, SessionVideo}, []string{"minutes"}},
		{"too long", Session{today, 241, SessionVideo}, []string{"minutes"}},
		{"negative", Session{today, -5, SessionVideo}, []string{"minutes"}},
		{"tomorrow", Session{today.AddDays(1), 45, SessionVideo}, []string{"date"}},
		{"no date", Session{Date{}, 45, SessionVideo}, []string{"date"}},
		{"phone is not a treatment mode", Session{today, 45, "phone"}, []string{"mode"}},
		{"no mode", Session{today, 45, ""}, []string{"mode"}},
		{"everything wrong", Session{today.AddDays(2), 0, "x"}, []string{"date", "minutes", "mode"}},
	}
	for _, tt := range tests {
		if got := columns(ValidateSession(tt.s, today)); !slices.Equal(got, tt.want) {
			t.Errorf("%s: %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestTreatmentEpisodeClose(t *testing.T) {
	today := MustParseDate("2025-06-10")
	two := []Session{{today.AddDays(-14), 60, SessionInPerson}, {today.AddDays(-7), 60, SessionVideo}}
	tests := []struct {
		name     string
		sessions []Session
		closed   Date
		outcome  EpisodeOutcome
		want     []string
	}{
		{"completed", two, today, EpisodeCompleted, nil},
		{"on the day of the last session", two, today.AddDays(-7), EpisodeReferredOn, nil},
		{"dropped out before any session", nil, today, EpisodeDroppedOut, nil},
		{"completed without sessions", nil, today, EpisodeCompleted, []string{"outcome"}},
		{"before the last session", two, today.AddDays(-8), EpisodeCompleted, []string{"closed"}},
		{"in the future", two, today.AddDays(1), EpisodeCompleted, []string{"closed"}},
		{"no outcome", two, today, "", []string{"outcome"}},
		{"unknown outcome", two, today, "cured", []string{"outcome"}},
		{"no date", two, Date{}, EpisodeCompleted, []string{"closed"}},
	}
	for _, tt := range tests {
		if got := columns(ValidateEpisodeClose(tt.sessions, tt.closed, tt.outcome, today)); !slices.Equal(got, tt.want) {
			t.Errorf("%s: %v, want %v", tt.name, got, tt.want)
		}
	}
}

// columns returns the field codes of errs in order.
func columns(errs []FieldError) []string {
	var out []string
	for _, e := range errs {
		out = append(out, e.Column)
	}
	return out
}
