package main

import (
	"strings"
	"testing"
)

// Issue 11 §5: envei note 08897000904 printed "referral 08897000904: not
// found". No error repeats a value typed by the user that could be a
// national id or a name; a value with the shape of a ref may be repeated.
func TestErrorsDoNotRepeatWhatCouldBeAnIDOrAName(t *testing.T) {
	h := noteHarness(t)
	const id, name = "08897000904", "olanordmann"
	for _, args := range [][]string{
		{"note", id},
		{"note", id, "--gp-letter"},
		{"note", "Kari Testesen"},
		{"note", id, "--reason", "the GP asked for a copy today"},
		{"assign", id},
		{"assign", id, "--history"},
		{"clinician", "leave", name},
		{"clinician", "return", name},
		{"clinician", "remove", name},
		{"clinician", "set", name, "--name", "Ola Nordmann"},
		{"clinician", id},
		{"audit", "--review", "--from", id},
		{"stats", "--to", id},
		{"demo", "--patients", id + "x"},
		{id},
		{"status", id},
	} {
		h.user = "root"
		r := h.run(args...)
		if r.code == exitOK {
			t.Errorf("%q: exit 0", args)
		}
		for _, v := range []string{id, name, "Kari Testesen"} {
			if strings.Contains(r.stderr, v) || strings.Contains(r.stdout, v) {
				t.Errorf("%q: the message repeats %q:\n%s%s", args, v, r.stdout, r.stderr)
			}
		}
	}
	// A ref the user mistyped is still named, to help them.
	if r := h.run("note", "2026-99999"); r.code != exitFail || !strings.Contains(r.stderr, "2026-99999") {
		t.Errorf("note of a missing ref: exit %d, %q; want the ref named", r.code, r.stderr)
	}
}
