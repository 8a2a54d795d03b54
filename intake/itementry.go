package intake

import (
	"strconv"
	"strings"
)

// ParseItems reads an instrument's item scores as a clinician types them
// from the paper form: one digit per item, with or without spaces or
// commas ("2 2 1 0", "2210"). Fewer digits than items is a partial entry,
// scored as far as it goes. It returns a FieldError naming the first item
// that is not a possible score.
func ParseItems(i Instrument, s string) ([]int, error) {
	var items []int
	for _, c := range s {
		switch {
		case c == ' ' || c == ',' || c == ';' || c == '\t':
			continue
		case c < '0' || c > '9':
			return nil, FieldError{Column: string(i), Reason: "type one digit per item"}
		}
		items = append(items, int(c-'0'))
	}
	if len(items) > i.ItemCount() {
		return nil, FieldError{Column: string(i), Reason: "has " + strconv.Itoa(i.ItemCount()) + " items"}
	}
	for n, v := range items {
		if !i.ValidItemScore(n+1, v) {
			return nil, FieldError{Column: ItemField(i, n+1), Reason: "item " + strconv.Itoa(n+1) + " cannot score " + strconv.Itoa(v)}
		}
	}
	return items, nil
}

// FormatItems writes item scores the way ParseItems reads them.
func FormatItems(items []int) string {
	parts := make([]string, 0, len(items))
	for _, v := range items {
		if v == ItemUnanswered {
			break
		}
		parts = append(parts, strconv.Itoa(v))
	}
	return strings.Join(parts, " ")
}
