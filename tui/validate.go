package tui

import (
	"errors"
	"strconv"
	"strings"

	"envei/intake"
)

// Validators of the console's text fields that are not in register.go
// (required, dateValidator, nationalIDError). They are named functions
// rather than closures inside the forms so that a fuzz test can reach them;
// each accepts exactly what the form's submit then parses, and says what is
// wrong in the user's language without repeating what was typed.

// minutesValidator checks a session's length in whole minutes.
func minutesValidator(t *Catalog) func(string) error {
	return func(s string) error {
		if _, ok := parseMinutes(s); !ok {
			return errors.New(sprintf(t.TRBadMinutes, intake.MaxSessionMinutes))
		}
		return nil
	}
}

// parseMinutes reads what minutesValidator accepts.
func parseMinutes(s string) (int, bool) {
	n, err := strconv.Atoi(strings.TrimSpace(s))
	return n, err == nil && n >= 1 && n <= intake.MaxSessionMinutes
}

// serviceCodeValidator checks the code of a new service.
func serviceCodeValidator(t *Catalog) func(string) error {
	return func(s string) error {
		if !intake.ValidServiceCode(strings.TrimSpace(s)) {
			return errors.New(t.BadCode)
		}
		return nil
	}
}

// textValidator checks single-line free text (a name, a reason, a label)
// by the store's rule (intake.CheckLine), so the form shows the problem
// where the text is and keeps what was typed; need also asks for a value.
// The input already drops C0 and C1 characters as they are typed or pasted;
// bidi overrides and isolates it lets through.
func textValidator(t *Catalog, need bool) func(string) error {
	return func(s string) error {
		switch {
		case need && strings.TrimSpace(s) == "":
			return errors.New(t.Required)
		case intake.HasControl(s):
			return errors.New(t.BadControl)
		}
		return nil
	}
}

// notesValidator checks multi-line free text (the assessment's sections)
// by the store's rule: line breaks and tabs stay, a Windows line end is
// made a line break on saving.
func notesValidator(t *Catalog) func(string) error {
	return func(s string) error {
		if intake.HasControlInLines(intake.NormaliseLines(s)) {
			return errors.New(t.BadControlLines)
		}
		return nil
	}
}

// usernameValidator checks a new clinician's login name.
func usernameValidator(t *Catalog) func(string) error {
	return func(s string) error {
		if !intake.ValidUsername(strings.TrimSpace(s)) {
			return errors.New(t.BadUsername)
		}
		return nil
	}
}
