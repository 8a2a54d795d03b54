package tui

import (
	"context"
	"strings"
	"testing"

	"envei/intake"
)

// Every item of PHQ-9, GAD-7 and AUDIT has a short label in both
// languages.
func TestItemLabelsComplete(t *testing.T) {
	for _, cat := range []*Catalog{english(), norwegian()} {
		for _, in := range intake.Instruments {
			labels := cat.ItemLabels[in]
			if len(labels) != in.ItemCount() {
				t.Errorf("%s has %d labels for %d items", in, len(labels), in.ItemCount())
			}
			for k, l := range labels {
				if strings.TrimSpace(l) == "" || len(l) > 36 {
					t.Errorf("%s item %d: label %q (empty, or too long for two columns at 80)", in, k+1, l)
				}
			}
		}
	}
}

// An item out of range is named, with its label and the scores it takes;
// the live line names the item the next digit is for. Before, both
// languages said only "not a possible score: check the items".
func TestItemOutOfRangeIsNamed(t *testing.T) {
	en, nb := english(), norwegian()
	for _, tt := range []struct {
		cat   *Catalog
		in    intake.Instrument
		entry string
		want  string
	}{
		{en, intake.InstrumentPHQ9, "2214", "✗ item 4 (Tired, little energy) can only score 0–3"},
		{nb, intake.InstrumentPHQ9, "2214", "✗ ledd 4 (Trøtt, lite energi) kan bare ha skår 0–3"},
		{en, intake.InstrumentAUDIT, "0000000030", "✗ item 9 (Injury due to drinking) can only score 0, 2 or 4"},
		{nb, intake.InstrumentAUDIT, "0000000030", "✗ ledd 9 (Skade pga. drikking) kan bare ha skår 0, 2 eller 4"},
		{en, intake.InstrumentGAD7, "12x", "✗ type one digit per item"},
		{en, intake.InstrumentGAD7, "11111111", "✗ GAD-7 has 7 items"},
		{en, intake.InstrumentPHQ9, "22", "total 4 (2 of 9 items) · next: 3 Sleep problems"},
		{nb, intake.InstrumentGAD7, "", "neste: 1 Nervøs eller anspent"},
	} {
		if got := scoreLine(tt.cat, tt.in, tt.entry, ""); !strings.Contains(got, tt.want) {
			t.Errorf("%s %q: %q, want %q", tt.in, tt.entry, got, tt.want)
		}
	}
	if err := itemsValidator(nb, intake.InstrumentPHQ9)("2214"); err == nil || !strings.Contains(err.Error(), "ledd 4") {
		t.Errorf("validator: %v", err)
	}
}

// The instrument's step of the form lists its items by label at 80×24.
func TestInstrumentShowsItemLabels(t *testing.T) {
	opts, _, _ := attendedOne(t)
	c := startConsole(t, opts, 80, 24)
	c.waitFor("2026-00001")
	c.key("e")
	for _, title := range []string{"Reason for contact", "Current situation", "How long has it lasted?",
		"Earlier help", "Somatic health", "Medication", "Substance use", "Daily functioning", "Network and resources",
		"Minor children", "If so: how are the children", "The patient's own goals"} {
		c.waitFor("┃ " + title)
		c.key("enter")
	}
	c.waitFor("1 Little interest or pleasure", "9 Thoughts of death or self-harm", "┃ PHQ-9: item scores")
	c.quit()
}

// What keeps an assessment from being completed is said in the user's
// language with the form's field titles; it was the English codes before
// ("reason_own_words: required; …") in both languages.
func TestMissingListInTheUsersLanguage(t *testing.T) {
	r := intake.Referral{Channel: intake.ChannelGP, AddressedTo: intake.AddressedDPS}
	a := intake.Assessment{Instruments: map[intake.Instrument]intake.Answers{
		intake.InstrumentPHQ9: {Items: []int{2, 2, 1}}, intake.InstrumentAUDIT: {Items: []int{0, 0, 0, 0, 0, 0, 0, 0, 3}},
	}}
	missing := intake.FieldErrors(a.Missing(r, nil))
	for _, tt := range []struct {
		cat  *Catalog
		want []string
	}{
		{english(), []string{"Not completed yet; missing: ", "Reason for contact, in the patient's own words: required",
			"Minor children in the home: answer yes or no", "PHQ-9: complete it, or say why it was not done",
			"AUDIT: item 9 (Injury due to drinking) can only score 0, 2 or 4", "Recommendation: choose at least one service"}},
		{norwegian(), []string{"Ikke fullført ennå; dette mangler: ", ": må fylles ut", "PHQ-9: fyll det ut",
			"AUDIT: ledd 9", "velg minst ett tilbud"}},
	} {
		got := assessErrorText(tt.cat, missing, true).Error()
		for _, w := range tt.want {
			if !strings.Contains(got, w) {
				t.Errorf("lacks %q:\n%s", w, got)
			}
		}
		for _, code := range []string{"reason_own_words", "minor_children", "rights.", "phq9", "required:"} {
			if strings.Contains(got, code) {
				t.Errorf("shows the code %q:\n%s", code, got)
			}
		}
	}
	for _, cat := range []*Catalog{english(), norwegian()} {
		for _, reason := range intake.MissingReasons {
			if cat.MissingReasons[reason] == "" {
				t.Errorf("no words for %q", reason)
			}
		}
	}
	_ = context.Background
}
