package doc

import (
	"strings"
	"testing"
)

// Markup in one line of text is escaped, and no more than that.
func TestMarkdownEscape(t *testing.T) {
	for _, c := range []struct {
		in      string
		atStart bool
		want    string
	}{
		{"a|b [c](d) <e> _f_ `g`", false, `a\|b \[c\](d) \<e\> \_f\_ \` + "`g\\`"},
		{"+47 99 99 99 99", true, "+47 99 99 99 99"},
		{"+ item", true, `\+ item`},
		{"- item", false, "- item"},
		{"---", true, `\---`},
		{"## heading", true, `\## heading`},
		{"#5 on the list", true, "#5 on the list"},
		{"12) twelve", true, `12\) twelve`},
		{"2026-11-05 was the day.", true, "2026-11-05 was the day."},
		{"~~~", true, `\~~~`},
		{"<5 patients, p < 0.001", true, "<5 patients, p < 0.001"},
		{"</b> <!-- <?x <a:b>", false, `\</b\> \<!-- \<?x \<a:b\>`},
	} {
		if got := mdEscape(c.in, c.atStart); got != c.want {
			t.Errorf("mdEscape(%q, %v) = %q, want %q", c.in, c.atStart, got, c.want)
		}
	}
}

// Every kind of block in Markdown, with typed text that tries to become
// markup.
func TestMarkdownBlocks(t *testing.T) {
	d := Document{Title: "Title", Subtitle: "Kind", Style: Form}
	d.Heading("Section")
	d.Fields(Field{"Name", "# not a heading"}, Field{"Empty", ""})
	d.Entry("Finding", "line one\nline two\n\nnew paragraph")
	d.Table([]string{"a", "b"}, [][]string{{"1|2", "<script>"}})
	d.Warning("mind this")
	d.Signature(true, "Signed", "Role")
	want := "# Title\n\n**Kind**\n\n## Section\n\n" +
		"- **Name:** # not a heading\n- **Empty:** –\n\n" +
		"### Finding\n\nline one\\\nline two\n\nnew paragraph\n\n" +
		"| a | b |\n|---|---|\n| 1\\|2 | \\<script\\> |\n\n" +
		"> **!** mind this\n\n---\n\nSigned\\\nRole\n"
	if got := d.Markdown(); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if strings.Contains(d.Markdown(), "\n# not") {
		t.Error("typed text became a heading")
	}
}
