package intake

import (
	"errors"
	"strings"
	"testing"
)

// The attacks of issue 11 §2 and the characters the rule names.
var hostileText = []string{
	"xxxxxxxxxx\r\x1b[2K\x1b[1A",          // erase the row in a terminal
	"xxxxxxxxxx\n2026-01-01 00:00:00  R1", // forge a line of a listing
	"E\x1b]0;pwned\aEvil",                 // set the terminal's title
	"a\x7fb",                              // DEL
	"a\u0085b", "a\u009bb",                // C1: next line, CSI
	"a\u202eb", "a\u202ab", "a\u2066b", "a\u2069b", // bidi override, embedding, isolates
	"a\u2028b",
}

func TestCheckLineRefusesControlsWithoutEchoingThem(t *testing.T) {
	for _, s := range hostileText {
		err := CheckLine("reason", s)
		var fe FieldErrors
		if !errors.As(err, &fe) || fe[0].Column != "reason" {
			t.Errorf("CheckLine(%q) = %v, want a FieldError on reason", s, err)
			continue
		}
		if strings.Contains(err.Error(), s) || strings.ContainsFunc(err.Error(), isControl) {
			t.Errorf("the error %q repeats the value", err)
		}
	}
	for _, s := range []string{"", "Ole Nordmann", "Ærlig åpen – «sitat» 😀", "עברית"} {
		if err := CheckLine("name", s); err != nil {
			t.Errorf("CheckLine(%q) = %v, want nil", s, err)
		}
	}
}

func TestCheckLinesKeepsLineFeedsAndTabsOnly(t *testing.T) {
	if err := CheckLines("goals", "one\n\ttwo\nthree"); err != nil {
		t.Errorf("line feeds and tabs refused: %v", err)
	}
	if err := CheckLines("goals", NormaliseLines("one\r\ntwo\r\n")); err != nil {
		t.Errorf("a normalised Windows line end refused: %v", err)
	}
	for _, s := range append(hostileText[:1], hostileText[2:]...) {
		if err := CheckLines("goals", s); err == nil {
			t.Errorf("CheckLines(%q) = nil, want refused", s)
		}
	}
	if err := CheckLines("goals", "lone\rreturn"); err == nil {
		t.Error("a lone carriage return (overwrites the line on a terminal) was accepted")
	}
}

func TestSafeTextNeutralisesEveryControl(t *testing.T) {
	for _, s := range hostileText {
		got := SafeText(s)
		if HasControl(got) {
			t.Errorf("SafeText(%q) = %q still holds a control character", s, got)
		}
	}
	if got, want := SafeText("E\x1b]0;pwned\aEvil"), `E\x1b]0;pwned\x07Evil`; got != want {
		t.Errorf("SafeText = %q, want %q", got, want)
	}
	if got, want := SafeText("a\u202eb\nc"), `a\u202eb\nc`; got != want {
		t.Errorf("SafeText = %q, want %q", got, want)
	}
	if got, want := SafeLines("a\r\nb\tc\x1b[2K"), "a\nb\tc\\x1b[2K"; got != want {
		t.Errorf("SafeLines = %q, want %q", got, want)
	}
	if got, want := SafeText("a\x9bb"), "a\uFFFDb"; got != want {
		t.Errorf("SafeText of a byte that is not UTF-8 = %q, want %q", got, want)
	}
	for _, s := range []string{"", "Ole Nordmann", "Ærlig – «sitat» 😀"} {
		if SafeText(s) != s {
			t.Errorf("SafeText changed clean text %q", s)
		}
	}
}
