package tui

import (
	"context"
	"fmt"
	"strings"
	"testing"
)

// When hiding small counts takes longer than the console may spend on one
// call (a database of many years), the screen says the report is too
// large to protect here and names the command that can, in the user's
// language, instead of the system's English about a deadline.
func TestStatsTooLargeNamesTheCommand(t *testing.T) {
	for lang, want := range map[Lang][]string{
		LangEN: {"too large", "envei stats --min-cell 5"},
		LangNB: {"for stor", "envei stats --min-cell 5"},
	} {
		cat := catalogFor(lang)
		err := statsResultError(fmt.Errorf("suppressing: %w", context.DeadlineExceeded), 5)
		got := statsErrorText(cat, err)
		for _, w := range want {
			if !strings.Contains(got, w) {
				t.Errorf("%s: %q does not say %q", lang, got, w)
			}
		}
		if strings.Contains(got, "deadline") {
			t.Errorf("%s: %q shows the system's words", lang, got)
		}
		// Any other error is said as before.
		if other := statsErrorText(cat, statsResultError(context.Canceled, 5)); other != errorText(cat, context.Canceled) {
			t.Errorf("%s: other error shown as %q", lang, other)
		}
	}
}
