package doc

import (
	"regexp"
	"strings"
)

// Markdown marks.
const (
	mdBullet = "- "       // a field
	mdRule   = "---"      // above a signature
	mdWarn   = "> **!** " // a warning
)

// Markdown lays the document out as Markdown (CommonMark with GFM tables):
// headings for the title and the sections, bullets for fields, tables as
// pipe tables. All text is escaped, so words typed by a person can never
// turn into a heading, a link, HTML or a table.
func (d Document) Markdown() string {
	var parts []string
	title := "# " + mdValue(d.Title, "", true)
	if d.Subtitle != "" {
		title += "\n\n**" + mdValue(d.Subtitle, "", true) + "**"
	}
	parts = append(parts, title)
	for _, bl := range d.blocks {
		if bl.kind == kindChart {
			continue // for the PDF only (Chart)
		}
		var b strings.Builder
		switch bl.kind {
		case kindHeading:
			b.WriteString("## " + mdValue(bl.text, "", true))
		case kindFields:
			for k, f := range bl.fields {
				if k > 0 {
					b.WriteString("\n")
				}
				b.WriteString(mdBullet + "**" + mdValue(f.Label, "", true) + ":** " + mdValue(orNone(f.Value), "  ", true))
			}
		case kindEntry:
			b.WriteString("### " + mdValue(bl.text, "", true) + "\n\n" + mdValue(orNone(bl.body), "", false))
		case kindSubheading:
			b.WriteString("### " + mdValue(bl.text, "", true))
		case kindParagraph, kindFootnote:
			b.WriteString(mdValue(bl.text, "", false))
		case kindTable:
			row := func(cells []string) {
				b.WriteString("|")
				for _, c := range cells {
					b.WriteString(" " + mdEscape(oneLine(c), false) + " |")
				}
			}
			for i, r := range bl.rows {
				if i > 0 {
					b.WriteString("\n")
				}
				row(r)
				if i == 0 {
					b.WriteString("\n|" + strings.Repeat("---|", len(r)))
				}
			}
		case kindWarning:
			b.WriteString(mdWarn + mdValue(bl.text, "> ", true))
		case kindSignature:
			if bl.rule {
				b.WriteString(mdRule + "\n\n")
			}
			for k, l := range bl.lines {
				if k > 0 {
					b.WriteString("\\\n")
				}
				b.WriteString(mdEscape(oneLine(l), true))
			}
		}
		parts = append(parts, b.String())
	}
	return strings.Join(parts, "\n\n") + "\n"
}

// mdValue escapes clean text for Markdown, keeping the writer's line
// breaks as hard breaks (a trailing backslash) and blank lines as new
// paragraphs; continuation lines get indent so they stay inside a bullet
// or a quote. midLine says the first line follows other text (a field's
// label, a heading's #), where it cannot start a block.
func mdValue(s, indent string, midLine bool) string {
	var b strings.Builder
	blank := false
	for _, l := range strings.Split(strings.TrimSpace(clean(s)), "\n") {
		l = strings.Join(strings.Fields(l), " ")
		switch {
		case l == "":
			blank = true
			continue
		case b.Len() == 0:
		case blank:
			b.WriteString("\n" + strings.TrimRight(indent, " ") + "\n" + indent)
		default:
			b.WriteString("\\\n" + indent)
		}
		b.WriteString(mdEscape(l, !(midLine && b.Len() == 0)))
		blank = false
	}
	return b.String()
}

// mdBlockStart matches a line Markdown would read as the start of a block:
// a heading, a list item, a setext underline or rule, a fence. Quotes,
// emphasis rules and code fences with backticks start with a character
// mdEscape always escapes.
var mdBlockStart = regexp.MustCompile(`^(#{1,6}(\s|$)|[-+](\s|$)|=+\s*$|-+\s*$|~~~|\d{1,9}[.)](\s|$))`)

// mdEscape backslash-escapes what Markdown would read as markup in one line
// of text: emphasis, code, links, HTML and table pipes anywhere, and, when
// the line starts a Markdown line (atStart), a block marker at its start.
// It escapes no more than that, so the source stays readable: "+47" is not
// a list, and a "<" before a digit or a space ("<5", "p < 0.001") starts
// no tag or autolink.
func mdEscape(s string, atStart bool) string {
	marker := -1
	if atStart && mdBlockStart.MatchString(s) {
		marker = 0
		if s[0] >= '0' && s[0] <= '9' {
			// A backslash before a digit is literal; the list is
			// defused at its delimiter.
			marker = strings.IndexAny(s, ".)")
		}
	}
	var b strings.Builder
	for k, r := range s {
		switch {
		case k == marker:
			b.WriteByte('\\')
		case r == '<' && !startsTag(s[k+1:]):
		case strings.ContainsRune("\\`*_[]<>|", r):
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// startsTag reports whether what follows a "<" could make it the start of
// raw HTML or an autolink: a letter, "/", "!" or "?" (CommonMark 6.5, 6.6).
func startsTag(rest string) bool {
	if rest == "" {
		return false
	}
	c := rest[0]
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '/' || c == '!' || c == '?'
}
