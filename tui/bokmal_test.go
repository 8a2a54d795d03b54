package tui

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"envei/intake"
)

// Awkward bokmål seen in the console (issue 10) stays out of the catalogue.
func TestNorwegianCatalogueReadsNaturally(t *testing.T) {
	nb := norwegian()
	var all []string
	v := reflect.ValueOf(*nb)
	for i := 0; i < v.NumField(); i++ {
		f := v.Field(i)
		switch f.Kind() {
		case reflect.String:
			all = append(all, f.String())
		case reflect.Array:
			for j := 0; j < f.Len(); j++ {
				all = append(all, f.Index(j).String())
			}
		}
	}
	text := strings.Join(all, "\n")
	for _, bad := range []string{"alles", "Journal:", "(y = ja", "(j/n)", "(y/n)", "loset til", "gikk, %s"} {
		if strings.Contains(text, bad) {
			t.Errorf("the bokmål catalogue says %q", bad)
		}
	}
	if nb.Attended == "Møtte" {
		t.Errorf("%q beside %q: say Møtt", nb.Attended, nb.DidNotAttend)
	}
}

// Errors the console words itself are in the user's language; the rest
// say so in the user's words around the system's text.
func TestErrorsInTheUsersLanguage(t *testing.T) {
	nb := norwegian()
	if got := errorText(nb, fmt.Errorf("%w: the referral is already withdrawn", intake.ErrStep)); got != nb.ErrStep {
		t.Errorf("a refused step reads %q", got)
	}
	if got := errorText(nb, noteExistsError("R1-transfer.txt")); !strings.HasPrefix(got, "R1-transfer.txt finnes fra før") {
		t.Errorf("an existing note file reads %q", got)
	}
	if got := errorText(nb, errors.New("disk full")); got != "Kunne ikke fullføres: disk full" {
		t.Errorf("another error reads %q", got)
	}
}

// The database server's answers (PostgreSQL restarting, a commit whose
// connection was lost) are the ones a clinician most needs to understand:
// they are said in the user's language, in both languages.
func TestDatabaseServerAnswersInTheUsersLanguage(t *testing.T) {
	for _, lang := range []Lang{LangNB, LangEN} {
		cat := catalogFor(lang)
		for _, c := range []struct {
			err  error
			want string
		}{
			{fmt.Errorf("saving: %w", intake.ErrCommitUnknown), cat.ErrCommitUnknown},
			{fmt.Errorf("import: %w", intake.ErrInterrupted), cat.ErrInterrupted},
			{intake.ErrBusy, cat.ErrBusy},
		} {
			if got := errorText(cat, c.err); got != c.want || c.want == "" {
				t.Errorf("%s: %v reads %q, want %q", lang, c.err, got, c.want)
			}
		}
	}
}
