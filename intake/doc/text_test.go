package doc

import (
	"reflect"
	"strings"
	"testing"
)

func TestWrap(t *testing.T) {
	for _, c := range []struct {
		in   string
		w    int
		want []string
	}{
		{"", 10, []string{""}},
		{"one two three", 7, []string{"one two", "three"}},
		{"abcdefghij", 4, []string{"abcd", "efgh", "ij"}},
		{"a\n\nb", 5, []string{"a", "", "b"}},
		{"  spaced    out  ", 20, []string{"spaced out"}},
		{"æøå æøå", 3, []string{"æøå", "æøå"}},
	} {
		if got := wrap(c.in, c.w); !reflect.DeepEqual(got, c.want) {
			t.Errorf("wrap(%q, %d) = %q, want %q", c.in, c.w, got, c.want)
		}
	}
}

// Width is display width: a wide character takes two columns, so a line
// of emoji wraps before it overflows a terminal.
func TestWrapMeasuresDisplayWidth(t *testing.T) {
	if got := wrap("😀😀😀 ab", 4); !reflect.DeepEqual(got, []string{"😀😀", "😀", "ab"}) {
		t.Errorf("wrap = %q", got)
	}
	if Width("æøå") != 3 || Width("😀") != 2 {
		t.Errorf("Width(æøå) = %d, Width(😀) = %d", Width("æøå"), Width("😀"))
	}
}

// A Form: a rule under the title, headings in capitals, fields aligned
// and indented, a paragraph right under a heading is its body, one
// elsewhere stands a blank line apart, a table of text wraps its last
// column under itself.
func TestTextForm(t *testing.T) {
	d := Document{Title: "Title", Subtitle: "Kind", Style: Form}
	d.Heading("Section")
	d.Paragraph("body of the section")
	d.Fields(Field{"Name", "Kari"}, Field{"Longer label", ""})
	d.Fields(Field{"Second", "record"})
	d.Table([]string{"Tool", "Band"}, [][]string{{"PHQ-9", strings.Repeat("word ", 7)}})
	d.Warning("mind this")
	d.Signature(true, "Signed")
	d.Paragraph("After the signature.")
	want := `Title
Kind
==============================

SECTION
  body of the section
  Name          Kari
  Longer label  –

  Second  record
  Tool    Band
  PHQ-9   word word word word
          word word word
  ! mind this

------------------------------
Signed

After the signature.
`
	if got := d.Text(30); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

// A Report: every block a blank line apart; a table of numbers has its
// labels left and its numbers right, and when too wide its headings break
// first, then its labels.
func TestTextReport(t *testing.T) {
	var d Document
	d.Title = "Report"
	d.Heading("1. Counts")
	d.Paragraph("Some words.")
	d.NumericTable([][]string{{"", "addressed to DPS", "total"}, {"a long label here", "5", "12"}})
	want := `Report

1. Counts

Some words.

                addressed
                   to DPS  total
a long label            5     12
here
`
	if got := d.Text(32); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}
