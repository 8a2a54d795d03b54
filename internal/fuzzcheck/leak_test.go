package fuzzcheck

import "testing"

func TestLeak(t *testing.T) {
	vocab := `errors.New("must be 11 digits")` + "\n" + `"is not a date in the form YYYY-MM-DD"`
	for _, tt := range []struct {
		text, input string
		leak        string
	}{
		{"must be 11 digits", "12345", ""},
		{"line 14: 300182 is wrong", "ref,300182,x", "300182"},
		{"line 14: must be 11 digits", "30018212345", ""},
		{"national_id: 30018212345 must be 11 digits", "x,3001821234", "300182"},
		{"name: Kari Nordmann is too long", "R1,Kari Nordmann,x", "Kari Nor"},
		// The message's own words are no leak even when the input has them.
		{"is not a date in the form YYYY-MM-DD", "not a date in the form", ""},
		{"", "anything at all 123456", ""},
		{"1234567", "", ""},
	} {
		if got := Leak(tt.text, []byte(tt.input), vocab); got != tt.leak {
			t.Errorf("Leak(%q, %q) = %q, want %q", tt.text, tt.input, got, tt.leak)
		}
	}
}
