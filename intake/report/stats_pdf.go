package report

import (
	"io"

	"envei/intake/doc"
)

// WriteStatsPDF writes the report as a printable A4 portrait document a
// supervisor can hand round: the title with the period, when it was made
// and by whom (the role, never a name), then every section as the text
// report lays it out (intake/doc), and on every page a footer with the
// same and the page number.
func WriteStatsPDF(w io.Writer, s Stats) error {
	l := s.Lang
	made := l.f("Made %s by a user with the role %s.", s.Today, l.t(s.MadeBy))
	if s.MadeBy == "" {
		made = l.f("Made %s.", s.Today)
	}
	title := statsTitle(s)
	return document(title, statsBlocks(s)).PDF(w, doc.PDFOptions{
		Created: s.Today.Time(),
		Lead:    []string{made},
		Footer: func(page int) string {
			return title + " · " + made + " · " + l.f("Page %d of %s", page, doc.PageTotal)
		},
	})
}
