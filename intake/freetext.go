package intake

import (
	"fmt"
	"strings"

	"envei/intake/doc"
)

// Free text a person types (a reason, a name, a label, a note) is stored
// and later printed on somebody else's terminal. A control character in it
// could move that terminal's cursor, erase a line, set its title or forge
// a line of an audit listing, and a bidi override could reorder what a line
// seems to say. So one rule holds at the store's edge, whatever the way in
// (command line, console, a served console):
//
//   - single-line text refuses every control character (C0, DEL, C1), the
//     line and paragraph separators and the bidi embeddings, overrides and
//     isolates (U+202A–U+202E, U+2066–U+2069);
//   - multi-line text (the assessment's sections, an amendment's reason)
//     keeps line feeds and tabs and refuses the rest; a Windows line end
//     (\r\n) is first made a line feed by NormaliseLines.
//
// The errors name the field and never repeat what was typed: it may be a
// name or a national id put in the wrong box.

// ReasonControl is why free text is refused.
const (
	ReasonControl      = "must not contain control characters or line breaks"
	ReasonControlLines = "must not contain control characters other than line breaks and tabs"
)

// isControl reports what no line of text may hold (doc.IsControl: control
// characters, line and paragraph separators, bidi overrides); the
// documents drop the same characters when they lay text out.
func isControl(r rune) bool { return doc.IsControl(r) }

// isControlInLines is isControl but for the line feed and the tab, which
// multi-line text keeps.
func isControlInLines(r rune) bool { return r != '\n' && r != '\t' && isControl(r) }

// HasControl reports whether single-line text holds a character the rule
// refuses.
func HasControl(s string) bool { return strings.ContainsFunc(s, isControl) }

// HasControlInLines reports whether multi-line text holds a character the
// rule refuses (after NormaliseLines).
func HasControlInLines(s string) bool { return strings.ContainsFunc(s, isControlInLines) }

// CheckLine applies the single-line rule to the field's value: nil, or a
// FieldError naming the field.
func CheckLine(field, s string) error {
	if HasControl(s) {
		return FieldErrors{{Column: field, Reason: ReasonControl}}
	}
	return nil
}

// CheckLines applies the multi-line rule to the field's value.
func CheckLines(field, s string) error {
	if HasControlInLines(s) {
		return FieldErrors{{Column: field, Reason: ReasonControlLines}}
	}
	return nil
}

// NormaliseLines turns Windows line ends into line feeds, so text pasted
// from another program is not refused for its \r.
func NormaliseLines(s string) string {
	if !strings.Contains(s, "\r\n") {
		return s
	}
	return strings.ReplaceAll(s, "\r\n", "\n")
}

// SafeText makes a stored string safe to write to a terminal on one line:
// every character the single-line rule refuses is shown as a visible
// escape (\x1b, \n, \u202e) instead of acting on the terminal. Rows stored
// before the rule existed, or written by another program, pass through it
// on their way out. Clean text comes back unchanged; bytes that are not
// UTF-8 become U+FFFD.
func SafeText(s string) string { return escapeFunc(s, isControl) }

// SafeLines is SafeText for multi-line text: line feeds and tabs stay.
func SafeLines(s string) string { return escapeFunc(NormaliseLines(s), isControlInLines) }

func escapeFunc(s string, bad func(rune) bool) string {
	// A byte that is not UTF-8 (0x9b alone is CSI to a terminal in 8-bit
	// mode) becomes U+FFFD.
	s = strings.ToValidUTF8(s, "\uFFFD")
	if !strings.ContainsFunc(s, bad) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if !bad(r) {
			b.WriteRune(r)
			continue
		}
		switch {
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x100:
			fmt.Fprintf(&b, `\x%02x`, r)
		default:
			fmt.Fprintf(&b, `\u%04x`, r)
		}
	}
	return b.String()
}

// NormalisedLines returns a copy of the assessment with NormaliseLines
// applied to every multi-line field, the ones Validate checks as notes.
func (a Assessment) NormalisedLines() Assessment {
	a = a.Clone()
	for _, p := range []*string{
		&a.ReasonOwnWords, &a.CurrentSituation, &a.Duration, &a.EarlierHelp, &a.SomaticHealth,
		&a.Medication, &a.SubstanceUse, &a.DailyFunctioning, &a.Network, &a.ChildrenFollowUp, &a.Goals,
		&a.Risk.ProtectiveFactors, &a.Risk.Plan, &a.Risk.ViolenceNote,
		&a.Rights.ExpectedBenefit, &a.Rights.CostEffectiveness, &a.Rights.Severity,
	} {
		*p = NormaliseLines(*p)
	}
	for i, ans := range a.Instruments {
		ans.NotDoneReason = NormaliseLines(ans.NotDoneReason)
		a.Instruments[i] = ans
	}
	return a
}
