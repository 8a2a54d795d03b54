package intake

import (
	"strconv"
	"strings"
)

// Instrument is a screening questionnaire used in the first conversation.
// All three are free to use (DOMAIN.md, "First-conversation screening
// instruments").
type Instrument string

const (
	// InstrumentPHQ9 is the Patient Health Questionnaire (depression).
	InstrumentPHQ9 Instrument = "phq9"
	// InstrumentGAD7 is the Generalised Anxiety Disorder scale.
	InstrumentGAD7 Instrument = "gad7"
	// InstrumentAUDIT is the WHO Alcohol Use Disorders Identification Test.
	InstrumentAUDIT Instrument = "audit"
)

// Instruments lists the instruments of the first-conversation template in
// the order the template shows them.
var Instruments = []Instrument{InstrumentPHQ9, InstrumentGAD7, InstrumentAUDIT}

// Valid reports whether i is a known instrument.
func (i Instrument) Valid() bool { return i.ItemCount() > 0 }

// ItemCount returns the number of items of the instrument, 0 when unknown.
func (i Instrument) ItemCount() int {
	switch i {
	case InstrumentPHQ9:
		return 9
	case InstrumentGAD7:
		return 7
	case InstrumentAUDIT:
		return 10
	}
	return 0
}

// MaxTotal returns the highest possible total, 0 when unknown.
func (i Instrument) MaxTotal() int {
	switch i {
	case InstrumentPHQ9:
		return 27
	case InstrumentGAD7:
		return 21
	case InstrumentAUDIT:
		return 40
	}
	return 0
}

// ItemUnanswered marks an item the patient has not answered yet, so that a
// questionnaire can be entered in any order and scored as it goes.
const ItemUnanswered = -1

// ItemChoices returns the scores item (numbered from 1, as printed on the
// form) can take, lowest first, or nil when there is no such item. The
// console offers exactly these.
func (i Instrument) ItemChoices(item int) []int {
	if item < 1 || item > i.ItemCount() {
		return nil
	}
	switch {
	case i == InstrumentAUDIT && item >= 9:
		// AUDIT items 9 and 10 have three answers scored 0, 2 and 4.
		return []int{0, 2, 4}
	case i == InstrumentAUDIT:
		return []int{0, 1, 2, 3, 4}
	}
	return []int{0, 1, 2, 3}
}

// ValidItemScore reports whether score is a possible answer to item
// (numbered from 1): 0–3 on PHQ-9 and GAD-7; 0–4 on AUDIT items 1–8 and only
// 0, 2 or 4 on AUDIT items 9 and 10.
func (i Instrument) ValidItemScore(item, score int) bool {
	for _, c := range i.ItemChoices(item) {
		if c == score {
			return true
		}
	}
	return false
}

// Answers are the patient's answers to one instrument as entered so far.
// Items[k] is the score of item k+1; a slice shorter than the instrument, or
// an item set to ItemUnanswered, means the rest is not answered yet. An
// instrument that will not be used is marked NotDone with a reason (the
// patient declined, an interpreter was needed, it was not relevant).
type Answers struct {
	Items         []int
	NotDone       bool
	NotDoneReason string
}

// Band codes. The console translates them; reports use them as they are.
const (
	BandMinimal          = "minimal"
	BandMild             = "mild"
	BandModerate         = "moderate"
	BandModeratelySevere = "moderately_severe"
	BandSevere           = "severe"
	BandZone1            = "zone_1"
	BandZone2            = "zone_2"
	BandZone3            = "zone_3"
	BandZone4            = "zone_4"
)

// Score is an instrument as scored so far.
type Score struct {
	Instrument Instrument
	Answered   int  // number of items answered
	Total      int  // sum of the answered items: the running total
	Complete   bool // every item answered and the instrument not marked not done
	// Band is the severity band of a complete score ("" until complete):
	// minimal, mild, moderate, moderately_severe (PHQ-9 only) or severe,
	// and zone_1 to zone_4 for AUDIT.
	Band string
	// Caseness reports whether a complete score reaches the instrument's
	// own threshold (CasenessThreshold). It is false until complete: the
	// thresholds are validated on the full questionnaire, and a partial
	// total shown as a case could be recorded as one.
	Caseness bool
	// Item9Flag is set as soon as PHQ-9 item 9 (thoughts of being better
	// off dead or of self-harm) is answered above 0, complete or not and
	// even when the rest is marked not done: what the patient said calls for
	// an explicit suicide-risk assessment regardless.
	Item9Flag bool
}

// CasenessThreshold returns the lowest total counted as a case, 0 when
// unknown. PHQ-9 ≥ 10 and GAD-7 ≥ 8 are the thresholds of the municipal
// low-threshold service (Rask psykisk helsehjelp, after the English IAPT):
// a patient is a case there when either is reached. AUDIT is not part of
// that rule; its threshold is zone II (≥ 8), WHO's cut-off for hazardous
// drinking from which brief advice is recommended, so "caseness" on AUDIT
// means "drinking needs attention", not the IAPT definition.
func (i Instrument) CasenessThreshold() int {
	switch i {
	case InstrumentPHQ9:
		return 10
	case InstrumentGAD7:
		return 8
	case InstrumentAUDIT:
		return 8
	}
	return 0
}

// band returns the band of a complete total, from the published cut-offs
// (DOMAIN.md): each band runs up to and including its upper bound.
func (i Instrument) band(total int) string {
	type edge struct {
		upTo int
		band string
	}
	var edges []edge
	switch i {
	case InstrumentPHQ9:
		edges = []edge{{4, BandMinimal}, {9, BandMild}, {14, BandModerate}, {19, BandModeratelySevere}, {27, BandSevere}}
	case InstrumentGAD7:
		edges = []edge{{4, BandMinimal}, {9, BandMild}, {14, BandModerate}, {21, BandSevere}}
	case InstrumentAUDIT:
		edges = []edge{{7, BandZone1}, {15, BandZone2}, {19, BandZone3}, {40, BandZone4}}
	}
	for _, e := range edges {
		if total <= e.upTo {
			return e.band
		}
	}
	return ""
}

// ItemField is the field code of one item of an instrument, for example
// "phq9.item_9", as used in FieldError.Column.
func ItemField(i Instrument, item int) string {
	return string(i) + ".item_" + strconv.Itoa(item)
}

// NotDoneReasonField is the field code of an instrument's not-done reason.
func NotDoneReasonField(i Instrument) string { return string(i) + ".not_done_reason" }

// FieldInstrument is the field code used when the instrument itself is
// unknown.
const FieldInstrument = "instrument"

// ScoreAnswers scores the answers as they are entered: a partial set gives
// the running total with Complete false and no band. A value that is not a
// possible answer is a FieldError naming the item (ItemField), never a panic;
// so is an unknown instrument or more answers than the instrument has items.
func ScoreAnswers(i Instrument, a Answers) (Score, error) {
	n := i.ItemCount()
	if n == 0 {
		return Score{}, FieldError{FieldInstrument, "must be phq9, gad7 or audit"}
	}
	s := Score{Instrument: i}
	if len(a.Items) > n {
		return s, FieldError{string(i), "has more answers than its " + strconv.Itoa(n) + " items"}
	}
	for k, v := range a.Items {
		item := k + 1
		if v == ItemUnanswered {
			continue
		}
		if !i.ValidItemScore(item, v) {
			return Score{Instrument: i}, FieldError{ItemField(i, item), choicesReason(i.ItemChoices(item))}
		}
		s.Answered++
		s.Total += v
		if i == InstrumentPHQ9 && item == 9 && v > 0 {
			s.Item9Flag = true
		}
	}
	if s.Answered == n && !a.NotDone {
		s.Complete = true
		s.Band = i.band(s.Total)
		s.Caseness = s.Total >= i.CasenessThreshold()
	}
	return s, nil
}

// choicesReason says which answers an item takes: "must be 0, 1, 2 or 3".
func choicesReason(choices []int) string {
	r := "must be "
	for k, c := range choices {
		switch {
		case k == 0:
		case k == len(choices)-1:
			r += " or "
		default:
			r += ", "
		}
		r += strconv.Itoa(c)
	}
	return r
}

// ParseItemField reads a field code made by ItemField back into its
// instrument and item number (from 1); ok is false for any other code.
func ParseItemField(code string) (i Instrument, item int, ok bool) {
	for _, in := range Instruments {
		rest, found := strings.CutPrefix(code, string(in)+".item_")
		if !found {
			continue
		}
		n, err := strconv.Atoi(rest)
		if err != nil || n < 1 || n > in.ItemCount() || ItemField(in, n) != code {
			return "", 0, false
		}
		return in, n, true
	}
	return "", 0, false
}
