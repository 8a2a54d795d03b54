package report

import (
	"io"

	"envei/intake"
	"envei/intake/doc"
)

// pdfInfo is what a printed report's title block says beside the title.
type pdfInfo struct {
	title     string
	reception string
	period    string
	made      intake.Date
	role      string
}

// printed is a printed report being built: a document for intake/doc's
// PDF, which lays every report and note out on paper, and the footer
// each page carries.
type printed struct {
	doc.Document
	l    Lang
	opts doc.PDFOptions
}

// newPrinted starts a printed report with its title block: the title,
// then the reception, the period, the day it was made and by whom (the
// role, never a name); every page's footer says the title, when and by
// whom it was made, and the page. The file's dates are the report's own
// day, so the same data give the same bytes.
func newPrinted(l Lang, info pdfInfo) *printed {
	made := l.f("Made %s by a user with the role %s.", info.made, l.t(info.role))
	facts := []doc.Field{{Label: l.t("Reception"), Value: info.reception},
		{Label: l.t("Received"), Value: info.period}, {Label: l.t("Made"), Value: info.made.String()}}
	if info.reception == "" {
		facts[0].Value = l.t("not recorded (envei reception set)")
	}
	if info.role == "" {
		made = l.f("Made %s.", info.made)
	} else {
		facts = append(facts, doc.Field{Label: l.t("By"), Value: l.f("a user with the role %s", l.t(info.role))})
	}
	p := &printed{Document: doc.Document{Title: info.title, Style: doc.Report}, l: l,
		opts: doc.PDFOptions{Created: info.made.Time(), Footer: func(page int) string {
			return info.title + " · " + made + " · " + l.f("Page %d of %s", page, doc.PageTotal)
		}}}
	p.Fields(facts...)
	return p
}

// write renders the printed report as PDF.
func (p *printed) write(w io.Writer) error { return p.PDF(w, p.opts) }

// printHidden is the printed section on what --min-cell hid: the summary,
// then every hidden count with where it stands, its mark and why, table
// by table.
func (p *printed) printHidden(cells []hiddenCell, n int, exposed bool) {
	if n < 2 {
		return
	}
	l := p.l
	p.Heading(l.f("What --min-cell %d hid", n))
	p.Paragraph(hiddenSummary(cells, n, l))
	for len(cells) > 0 {
		k := 1
		for k < len(cells) && cells[k].table == cells[0].table {
			k++
		}
		p.Subheading(cells[0].table)
		p.NumericTable(hiddenGrid(cells[:k], n, l))
		cells = cells[k:]
	}
	if exposed {
		p.Footnote(l.t("WARNING: some rows or columns are so small that their hidden counts can still be " +
			"worked out; leave them out or choose a longer period before this report leaves the reception."))
	}
}
