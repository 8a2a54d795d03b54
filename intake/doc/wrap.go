package doc

import (
	"strings"
	"unicode"

	"github.com/charmbracelet/x/ansi"
)

// Width is the number of columns s takes in fixed-width text: display
// width, so a wide character (an emoji, a CJK letter) counts two and a
// combining accent none.
func Width(s string) int { return ansi.StringWidth(s) }

// IsControl reports control characters, line and paragraph separators and
// the bidirectional embedding, override and isolate marks: none belongs in a
// line of text, and each can garble or disguise what a terminal or a
// spreadsheet shows. intake's free-text rules refuse what it reports.
func IsControl(r rune) bool {
	switch {
	case unicode.IsControl(r): // C0, DEL and C1
		return true
	case r == '\u2028', r == '\u2029':
		return true
	case r >= '\u202A' && r <= '\u202E', r >= '\u2066' && r <= '\u2069':
		return true
	}
	return false
}

// clean makes text safe to lay out: line ends become \n, tabs a space,
// and any other control or bidi-override character (IsControl) is
// dropped, so a document can neither move a terminal's cursor nor
// reorder what it shows. Input validation already refuses them; this
// holds for any input.
func clean(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\n':
			return r
		case r == '\t' || r == '\r':
			return ' '
		case IsControl(r):
			return -1
		}
		return r
	}, s)
}

// oneLine is clean text on one line, for a table cell.
func oneLine(s string) string { return strings.Join(strings.Fields(clean(s)), " ") }

// wrap breaks clean text into lines of at most w columns at spaces,
// keeping the line breaks the writer made and splitting a word longer than
// a line. Empty text is one empty line.
func wrap(s string, w int) []string {
	w = max(1, w)
	var out []string
	for _, para := range strings.Split(strings.TrimSpace(clean(s)), "\n") {
		words := strings.Fields(para)
		if len(words) == 0 {
			out = append(out, "")
			continue
		}
		line := ""
		for _, word := range words {
			if Width(word) > w {
				if line != "" {
					out, line = append(out, line), ""
				}
				parts := strings.Split(ansi.Hardwrap(word, w, false), "\n")
				out, word = append(out, parts[:len(parts)-1]...), parts[len(parts)-1]
			}
			switch {
			case line == "":
				line = word
			case Width(line)+1+Width(word) <= w:
				line += " " + word
			default:
				out, line = append(out, line), word
			}
		}
		out = append(out, line)
	}
	return out
}

func pad(s string, w int) string { return s + strings.Repeat(" ", max(0, w-Width(s))) }

func orNone(s string) string {
	if strings.TrimSpace(s) == "" {
		return None
	}
	return s
}

// BreakWords breaks s into lines at spaces, as many words a line as fits
// says fit, for text measured in a proportional font (a PDF's, a chart's);
// a word that does not fit alone stands alone on its line.
func BreakWords(s string, fits func(line string) bool) []string {
	var lines []string
	cur := ""
	for _, word := range strings.Fields(s) {
		switch {
		case cur == "":
			cur = word
		case fits(cur + " " + word):
			cur += " " + word
		default:
			lines = append(lines, cur)
			cur = word
		}
	}
	return append(lines, cur)
}
