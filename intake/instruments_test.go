package intake

import (
	"errors"
	"testing"
)

// answersWithTotal builds a complete, valid set of answers summing to total,
// filling items with the highest scores first. AUDIT items 9 and 10 take
// only even scores, so they are filled first and the odd remainder goes to
// items 1–8. The helper checks its own result against the published item
// ranges so that a bug here cannot hide a bug in ScoreAnswers.
func answersWithTotal(t *testing.T, i Instrument, total int) Answers {
	t.Helper()
	n := i.ItemCount()
	items := make([]int, n)
	rest := total
	if i == InstrumentAUDIT {
		for k := 8; k < 10; k++ {
			v := min(4, rest-rest%2)
			items[k] = v
			rest -= v
		}
		for k := 0; k < 8; k++ {
			v := min(4, rest)
			items[k] = v
			rest -= v
		}
	} else {
		for k := range items {
			v := min(3, rest)
			items[k] = v
			rest -= v
		}
	}
	sum := 0
	for k, v := range items {
		hi, even := 3, false
		if i == InstrumentAUDIT {
			hi, even = 4, k >= 8
		}
		if v < 0 || v > hi || (even && v%2 != 0) {
			t.Fatalf("helper built an impossible answer %d to %s item %d", v, i, k+1)
		}
		sum += v
	}
	if sum != total {
		t.Fatalf("helper cannot reach %s total %d (got %d)", i, total, sum)
	}
	return Answers{Items: items}
}

// The band edges and caseness thresholds as published (DOMAIN.md): every
// lower and upper edge of every band.
func TestScoreBandEdges(t *testing.T) {
	tests := []struct {
		inst     Instrument
		total    int
		band     string
		caseness bool
	}{
		{InstrumentPHQ9, 0, "minimal", false},
		{InstrumentPHQ9, 4, "minimal", false},
		{InstrumentPHQ9, 5, "mild", false},
		{InstrumentPHQ9, 9, "mild", false},
		{InstrumentPHQ9, 10, "moderate", true},
		{InstrumentPHQ9, 14, "moderate", true},
		{InstrumentPHQ9, 15, "moderately_severe", true},
		{InstrumentPHQ9, 19, "moderately_severe", true},
		{InstrumentPHQ9, 20, "severe", true},
		{InstrumentPHQ9, 27, "severe", true},

		{InstrumentGAD7, 0, "minimal", false},
		{InstrumentGAD7, 4, "minimal", false},
		{InstrumentGAD7, 5, "mild", false},
		{InstrumentGAD7, 7, "mild", false},
		{InstrumentGAD7, 8, "mild", true},
		{InstrumentGAD7, 9, "mild", true},
		{InstrumentGAD7, 10, "moderate", true},
		{InstrumentGAD7, 14, "moderate", true},
		{InstrumentGAD7, 15, "severe", true},
		{InstrumentGAD7, 21, "severe", true},

		{InstrumentAUDIT, 0, "zone_1", false},
		{InstrumentAUDIT, 7, "zone_1", false},
		{InstrumentAUDIT, 8, "zone_2", true},
		{InstrumentAUDIT, 15, "zone_2", true},
		{InstrumentAUDIT, 16, "zone_3", true},
		{InstrumentAUDIT, 19, "zone_3", true},
		{InstrumentAUDIT, 20, "zone_4", true},
		{InstrumentAUDIT, 33, "zone_4", true},
		{InstrumentAUDIT, 40, "zone_4", true},
	}
	for _, tt := range tests {
		s, err := ScoreAnswers(tt.inst, answersWithTotal(t, tt.inst, tt.total))
		if err != nil {
			t.Errorf("%s %d: %v", tt.inst, tt.total, err)
			continue
		}
		if s.Total != tt.total || !s.Complete || s.Band != tt.band || s.Caseness != tt.caseness {
			t.Errorf("%s %d: got total %d complete %v band %q caseness %v, want band %q caseness %v",
				tt.inst, tt.total, s.Total, s.Complete, s.Band, s.Caseness, tt.band, tt.caseness)
		}
		if s.Answered != tt.inst.ItemCount() {
			t.Errorf("%s %d: answered %d", tt.inst, tt.total, s.Answered)
		}
	}
}

// Every total from 0 to the maximum gets a band, and bands only ever rise
// with the total: no gap and no overlap between the edges.
func TestScoreBandsCoverEveryTotal(t *testing.T) {
	order := map[Instrument][]string{
		InstrumentPHQ9:  {"minimal", "mild", "moderate", "moderately_severe", "severe"},
		InstrumentGAD7:  {"minimal", "mild", "moderate", "severe"},
		InstrumentAUDIT: {"zone_1", "zone_2", "zone_3", "zone_4"},
	}
	maxTotal := map[Instrument]int{InstrumentPHQ9: 27, InstrumentGAD7: 21, InstrumentAUDIT: 40}
	for _, inst := range Instruments {
		if inst.MaxTotal() != maxTotal[inst] {
			t.Errorf("%s MaxTotal %d, want %d", inst, inst.MaxTotal(), maxTotal[inst])
		}
		rank := -1
		for total := 0; total <= maxTotal[inst]; total++ {
			s, err := ScoreAnswers(inst, answersWithTotal(t, inst, total))
			if err != nil {
				t.Fatalf("%s %d: %v", inst, total, err)
			}
			r := -1
			for k, b := range order[inst] {
				if b == s.Band {
					r = k
				}
			}
			if r < rank || r > rank+1 || r < 0 {
				t.Fatalf("%s %d: band %q out of order after rank %d", inst, total, s.Band, rank)
			}
			rank = r
		}
		if rank != len(order[inst])-1 {
			t.Errorf("%s: never reached the top band", inst)
		}
	}
}

func TestScoreItemRanges(t *testing.T) {
	tests := []struct {
		inst  Instrument
		item  int
		score int
		ok    bool
	}{
		{InstrumentPHQ9, 1, 0, true},
		{InstrumentPHQ9, 1, 3, true},
		{InstrumentPHQ9, 1, 4, false},
		{InstrumentPHQ9, 9, 3, true},
		{InstrumentPHQ9, 1, -1, false}, // unanswered is not a score
		{InstrumentPHQ9, 0, 0, false},
		{InstrumentPHQ9, 10, 0, false},
		{InstrumentGAD7, 7, 3, true},
		{InstrumentGAD7, 7, 4, false},
		{InstrumentGAD7, 8, 0, false},
		{InstrumentAUDIT, 1, 4, true},
		{InstrumentAUDIT, 8, 4, true},
		{InstrumentAUDIT, 8, 5, false},
		{InstrumentAUDIT, 8, 1, true},
		{InstrumentAUDIT, 9, 0, true},
		{InstrumentAUDIT, 9, 1, false},
		{InstrumentAUDIT, 9, 2, true},
		{InstrumentAUDIT, 9, 3, false},
		{InstrumentAUDIT, 10, 4, true},
		{InstrumentAUDIT, 10, 3, false},
		{InstrumentAUDIT, 11, 0, false},
		{Instrument("bdi"), 1, 0, false},
	}
	for _, tt := range tests {
		if got := tt.inst.ValidItemScore(tt.item, tt.score); got != tt.ok {
			t.Errorf("%s item %d score %d: valid %v, want %v", tt.inst, tt.item, tt.score, got, tt.ok)
		}
	}
}

func TestScoreErrorsNameTheItem(t *testing.T) {
	tests := []struct {
		name   string
		inst   Instrument
		items  []int
		column string
		reason string
	}{
		{"PHQ-9 item 4 above 3", InstrumentPHQ9, []int{0, 1, 2, 4}, "phq9.item_4", "must be 0, 1, 2 or 3"},
		{"GAD-7 negative", InstrumentGAD7, []int{0, -2}, "gad7.item_2", "must be 0, 1, 2 or 3"},
		{"AUDIT item 9 odd", InstrumentAUDIT, []int{4, 4, 4, 4, 4, 4, 4, 4, 1}, "audit.item_9", "must be 0, 2 or 4"},
		{"AUDIT item 10 above 4", InstrumentAUDIT, []int{-1, -1, -1, -1, -1, -1, -1, -1, -1, 6}, "audit.item_10", "must be 0, 2 or 4"},
		{"AUDIT item 1 above 4", InstrumentAUDIT, []int{5}, "audit.item_1", "must be 0, 1, 2, 3 or 4"},
		{"too many", InstrumentGAD7, []int{0, 0, 0, 0, 0, 0, 0, 0}, "gad7", ""},
		{"unknown instrument", Instrument("bdi"), []int{0}, "instrument", ""},
	}
	for _, tt := range tests {
		_, err := ScoreAnswers(tt.inst, Answers{Items: tt.items})
		var fe FieldError
		if !errors.As(err, &fe) {
			t.Errorf("%s: error %v, want a FieldError", tt.name, err)
			continue
		}
		if fe.Column != tt.column || (tt.reason != "" && fe.Reason != tt.reason) {
			t.Errorf("%s: got %q %q, want %q %q", tt.name, fe.Column, fe.Reason, tt.column, tt.reason)
		}
	}
}

// Scoring as the answers are entered: the running total, no band or
// caseness until every item is answered, and nothing once marked not done.
func TestScorePartial(t *testing.T) {
	u := ItemUnanswered
	tests := []struct {
		name     string
		inst     Instrument
		a        Answers
		total    int
		answered int
		complete bool
		band     string
	}{
		{"nothing yet", InstrumentPHQ9, Answers{}, 0, 0, false, ""},
		{"three of nine", InstrumentPHQ9, Answers{Items: []int{3, 3, 3}}, 9, 3, false, ""},
		// Twelve already reaches the PHQ-9 threshold but is no case until complete.
		{"above threshold, incomplete", InstrumentPHQ9, Answers{Items: []int{3, 3, 3, 3, u, 0, 0, 0, 0}}, 12, 8, false, ""},
		{"gap filled last", InstrumentGAD7, Answers{Items: []int{u, 1, 1, 1, 1, 1, 1}}, 6, 6, false, ""},
		{"all answered", InstrumentGAD7, Answers{Items: []int{2, 1, 1, 1, 1, 1, 1}}, 8, 7, true, "mild"},
		{"all answered but not done", InstrumentGAD7, Answers{Items: []int{2, 1, 1, 1, 1, 1, 1}, NotDone: true, NotDoneReason: "interpreter"}, 8, 7, false, ""},
		{"not done, no answers", InstrumentAUDIT, Answers{NotDone: true, NotDoneReason: "declined"}, 0, 0, false, ""},
	}
	for _, tt := range tests {
		s, err := ScoreAnswers(tt.inst, tt.a)
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		if s.Total != tt.total || s.Answered != tt.answered || s.Complete != tt.complete || s.Band != tt.band {
			t.Errorf("%s: got total %d answered %d complete %v band %q, want %d %d %v %q",
				tt.name, s.Total, s.Answered, s.Complete, s.Band, tt.total, tt.answered, tt.complete, tt.band)
		}
		if !s.Complete && s.Caseness {
			t.Errorf("%s: caseness on an incomplete score", tt.name)
		}
	}
}

// The item-9 rule: PHQ-9 item 9 above 0 is flagged as soon as it is
// answered, whatever else is answered; no other item or instrument sets it.
func TestScoreItem9Flag(t *testing.T) {
	u := ItemUnanswered
	tests := []struct {
		name string
		inst Instrument
		a    Answers
		flag bool
	}{
		{"item 9 zero", InstrumentPHQ9, Answers{Items: []int{3, 3, 3, 3, 3, 3, 3, 3, 0}}, false},
		{"item 9 one", InstrumentPHQ9, Answers{Items: []int{0, 0, 0, 0, 0, 0, 0, 0, 1}}, true},
		{"item 9 three", InstrumentPHQ9, Answers{Items: []int{0, 0, 0, 0, 0, 0, 0, 0, 3}}, true},
		{"item 9 only answer", InstrumentPHQ9, Answers{Items: []int{u, u, u, u, u, u, u, u, 2}}, true},
		{"item 9 unanswered", InstrumentPHQ9, Answers{Items: []int{3, 3, 3, 3, 3, 3, 3, 3, u}}, false},
		{"item 8 high", InstrumentPHQ9, Answers{Items: []int{0, 0, 0, 0, 0, 0, 0, 3}}, false},
		{"marked not done after item 9", InstrumentPHQ9, Answers{Items: []int{u, u, u, u, u, u, u, u, 1}, NotDone: true, NotDoneReason: "stopped"}, true},
		{"AUDIT item 9 is not PHQ-9 item 9", InstrumentAUDIT, Answers{Items: []int{0, 0, 0, 0, 0, 0, 0, 0, 4, 4}}, false},
	}
	for _, tt := range tests {
		s, err := ScoreAnswers(tt.inst, tt.a)
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		if s.Item9Flag != tt.flag {
			t.Errorf("%s: Item9Flag %v, want %v", tt.name, s.Item9Flag, tt.flag)
		}
	}
}

func FuzzScoreAnswers(f *testing.F) {
	f.Add("phq9", []byte{0, 1, 2, 3, 0, 1, 2, 3, 1}, false)
	f.Add("gad7", []byte{3, 3, 3, 3, 3, 3, 3}, false)
	f.Add("audit", []byte{4, 4, 4, 4, 4, 4, 4, 4, 4, 4}, false)
	f.Add("audit", []byte{0, 0, 0, 0, 0, 0, 0, 0, 3}, false)
	f.Add("phq9", []byte{0xff, 0xff, 2}, true)
	f.Add("phq9", []byte{0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, false)
	f.Add("x", []byte{}, false)
	f.Fuzz(func(t *testing.T, inst string, raw []byte, notDone bool) {
		i := Instrument(inst)
		// Signed bytes give negative scores too, ItemUnanswered among them.
		items := make([]int, len(raw))
		for k, b := range raw {
			items[k] = int(int8(b))
		}
		s, err := ScoreAnswers(i, Answers{Items: items, NotDone: notDone})
		if err != nil {
			var fe FieldError
			if !errors.As(err, &fe) || fe.Column == "" || fe.Reason == "" {
				t.Fatalf("error %v is not a FieldError with a column and a reason", err)
			}
			return
		}
		if !i.Valid() {
			t.Fatalf("no error for unknown instrument %q", inst)
		}
		if s.Total < 0 || s.Total > i.MaxTotal() {
			t.Fatalf("total %d outside 0..%d", s.Total, i.MaxTotal())
		}
		answered := 0
		for _, v := range items {
			if v != ItemUnanswered {
				answered++
			}
		}
		if s.Answered != answered {
			t.Fatalf("answered %d, want %d", s.Answered, answered)
		}
		if want := answered == i.ItemCount() && !notDone; s.Complete != want {
			t.Fatalf("complete %v, want %v", s.Complete, want)
		}
		if s.Complete != (s.Band != "") {
			t.Fatalf("complete %v with band %q", s.Complete, s.Band)
		}
		if want := s.Complete && s.Total >= i.CasenessThreshold(); s.Caseness != want {
			t.Fatalf("caseness %v, want %v (total %d)", s.Caseness, want, s.Total)
		}
		flag := i == InstrumentPHQ9 && len(items) >= 9 && items[8] > 0
		if s.Item9Flag != flag {
			t.Fatalf("item 9 flag %v, want %v", s.Item9Flag, flag)
		}
	})
}

func TestParseItemField(t *testing.T) {
	for _, in := range Instruments {
		for n := 1; n <= in.ItemCount(); n++ {
			if i, k, ok := ParseItemField(ItemField(in, n)); !ok || i != in || k != n {
				t.Errorf("%s: %v %d %v", ItemField(in, n), i, k, ok)
			}
		}
	}
	for _, code := range []string{"phq9", "phq9.item_0", "phq9.item_10", "phq9.item_01", "gad7.item_x", "bdi.item_1", "phq9.not_done_reason"} {
		if _, _, ok := ParseItemField(code); ok {
			t.Errorf("%s read as an item", code)
		}
	}
}
