package tui

import (
	"errors"
	"fmt"
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"envei/intake"
)

type styleRenderer = lipgloss.Style

// pad cuts or fills s to exactly width cells, leaving a space to the next
// column.
func pad(s string, width int) string {
	if width <= 0 {
		return ""
	}
	s = ansi.Truncate(s, width-1, "…")
	return s + strings.Repeat(" ", width-ansi.StringWidth(s))
}

// padLeft right-aligns s in width cells.
func padLeft(s string, width int) string {
	s = ansi.Truncate(s, width, "…")
	return strings.Repeat(" ", max(0, width-ansi.StringWidth(s))) + s
}

func dash(s string) string {
	if s == "" {
		return "–"
	}
	return s
}

func sprintf(format string, args ...any) string { return fmt.Sprintf(format, args...) }

// fromText is the channel and addressee in a few characters: "GP→DPS",
// "self-booked".
func fromText(t *Catalog, ch intake.Channel, to intake.Addressee) string {
	if ch == intake.ChannelSelf {
		return t.SelfBooked
	}
	return t.GPShort + "→" + t.AddresseeShort(to)
}

// errorText turns an error into words of the user's language where the
// error is one the console knows; others are shown as they are (they
// never carry patient data).
func errorText(t *Catalog, err error) string {
	var fe intake.FieldErrors
	switch {
	case errors.As(err, &fe):
		parts := make([]string, len(fe))
		for i, e := range fe {
			parts[i] = t.ColumnName(e.Column) + ": " + e.Reason
		}
		return strings.Join(parts, "; ")
	case errors.Is(err, intake.ErrConflict):
		return t.ErrConflict
	case errors.Is(err, intake.ErrForbidden):
		return t.ErrForbidden
	case errors.Is(err, intake.ErrNoEligible):
		return t.ErrNoEligible
	case errors.Is(err, intake.ErrNotFound):
		return t.ErrNotFound
	case errors.Is(err, intake.ErrNeedReason):
		return t.ErrNeedReason
	case errors.Is(err, intake.ErrReasonTooShort):
		return sprintf(t.BreakGlassTooShort, intake.MinReasonLength)
	case errors.Is(err, intake.ErrStep):
		return t.ErrStep
	case errors.Is(err, intake.ErrCommitUnknown):
		return t.ErrCommitUnknown
	case errors.Is(err, intake.ErrInterrupted):
		return t.ErrInterrupted
	case errors.Is(err, intake.ErrBusy):
		return t.ErrBusy
	case errors.As(err, new(stepError)):
		return err.Error() // worded for the user already
	case errors.As(err, new(noteExistsError)):
		return sprintf(t.NoteExists, err.Error())
	}
	// Anything else is the store's or the system's English: said as
	// such, under the user's words.
	return sprintf(t.ErrOther, err.Error())
}
