package intake

import (
	"reflect"
	"testing"
)

func TestParseItems(t *testing.T) {
	cases := []struct {
		in   Instrument
		text string
		want []int
		ok   bool
	}{
		{InstrumentPHQ9, "2 2 2 1 1 1 1 1 0", []int{2, 2, 2, 1, 1, 1, 1, 1, 0}, true},
		{InstrumentPHQ9, "222111110", []int{2, 2, 2, 1, 1, 1, 1, 1, 0}, true},
		{InstrumentPHQ9, "2,2,1", []int{2, 2, 1}, true},
		{InstrumentPHQ9, "", nil, true},
		{InstrumentPHQ9, "2 2 4", nil, false},      // PHQ-9 items score 0–3
		{InstrumentPHQ9, "0000000000", nil, false}, // ten items
		{InstrumentGAD7, "x", nil, false},          // not a digit
		{InstrumentAUDIT, "4 4 4 4 4 4 4 4 4 4", []int{4, 4, 4, 4, 4, 4, 4, 4, 4, 4}, true},
		{InstrumentAUDIT, "0 0 0 0 0 0 0 0 1", nil, false}, // item 9 scores 0, 2 or 4
	}
	for _, c := range cases {
		got, err := ParseItems(c.in, c.text)
		if (err == nil) != c.ok || (c.ok && !reflect.DeepEqual(got, c.want)) {
			t.Errorf("%s %q: got %v, %v", c.in, c.text, got, err)
		}
	}
	if FormatItems([]int{2, 1, ItemUnanswered, 3}) != "2 1" {
		t.Error("FormatItems must stop at the first unanswered item")
	}
}
