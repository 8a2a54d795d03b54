package tui

import (
	"errors"
	"strconv"
	"strings"

	"envei/intake"
)

// Instrument items by their short labels (the catalogue's own paraphrase,
// not the copyrighted item texts): listed in the form, named in the live
// score line and in what is wrong.

// itemLabel is item n's (from 1) short label, "" when there is none.
func itemLabel(t *Catalog, in intake.Instrument, n int) string {
	labels := t.ItemLabels[in]
	if n < 1 || n > len(labels) {
		return ""
	}
	return labels[n-1]
}

// itemList lays the items out in two columns of width cells each.
func itemList(t *Catalog, in intake.Instrument, width int) string {
	n := in.ItemCount()
	rows := (n + 1) / 2
	col := max(width/2, 20)
	var b strings.Builder
	for r := 0; r < rows; r++ {
		left := strconv.Itoa(r+1) + " " + itemLabel(t, in, r+1)
		line := left
		if k := r + 1 + rows; k <= n {
			line = pad(left, col) + strconv.Itoa(k) + " " + itemLabel(t, in, k)
		}
		b.WriteString(strings.TrimRight(line, " "))
		if r < rows-1 {
			b.WriteByte('\n')
		}
	}
	return b.String()
}

// choicesText is the scores an item takes: "0–3", or "0, 2 or 4".
func choicesText(t *Catalog, choices []int) string {
	contiguous := true
	for k := 1; k < len(choices); k++ {
		contiguous = contiguous && choices[k] == choices[k-1]+1
	}
	if contiguous && len(choices) > 2 {
		return strconv.Itoa(choices[0]) + "–" + strconv.Itoa(choices[len(choices)-1])
	}
	parts := make([]string, len(choices))
	for k, c := range choices {
		parts[k] = strconv.Itoa(c)
	}
	if len(parts) < 2 {
		return strings.Join(parts, "")
	}
	return strings.Join(parts[:len(parts)-1], ", ") + " " + t.ASOr + " " + parts[len(parts)-1]
}

// itemRange says item n cannot take the score it was given, naming the
// item and the scores it takes (never the score typed).
func itemRange(t *Catalog, in intake.Instrument, n int) string {
	return sprintf(t.ASItemRange, n, itemLabel(t, in, n), choicesText(t, in.ItemChoices(n)))
}

// itemsProblem says in the user's language what is wrong with an
// instrument's item entry, naming the item out of range; "" when nothing.
func itemsProblem(t *Catalog, in intake.Instrument, s string) string {
	_, err := intake.ParseItems(in, s)
	if err == nil {
		return ""
	}
	var fe intake.FieldError
	if errors.As(err, &fe) {
		if i, n, ok := intake.ParseItemField(fe.Column); ok && i == in {
			return itemRange(t, in, n)
		}
	}
	if strings.IndexFunc(s, func(r rune) bool {
		return !(r >= '0' && r <= '9') && r != ' ' && r != ',' && r != ';' && r != '\t'
	}) >= 0 {
		return t.ASItemDigits
	}
	return t.InstrumentName(in) + " " + sprintf(t.ASTooManyItems, in.ItemCount())
}

// itemsValidator checks an instrument's item scores as typed from paper.
func itemsValidator(t *Catalog, in intake.Instrument) func(string) error {
	return func(s string) error {
		if p := itemsProblem(t, in, s); p != "" {
			return errors.New(p)
		}
		return nil
	}
}

// itemListWidth is the width the item list is laid out in: the form's at
// 80 columns, the least the console runs at.
const itemListWidth = 76
