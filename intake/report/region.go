package report

import (
	"strings"

	"envei/intake"
)

// A health region wants one report across its receptions, each in its own
// database (issue 15). The receptions hand over what they hand over for
// their own reports — tallies, de-identified groups of referrals with
// their number — and those are summed here: tallies alike in everything
// but their number become one. No row and nothing that names a patient
// leaves a reception's database for this. The sum is then one period's
// reports like any other, suppressed once (--min-cell) and jointly across
// stats and funnel: a count too small to show in each reception alone may
// show in the sum, and a hidden count of the sum is protected within the
// region's reports. It is not protected against each reception's own
// reports: a reader who has those as well can subtract (README).

// Region says which receptions a region report covers. A report of one
// reception leaves it empty.
type Region struct {
	// Receptions are the receptions' names in the order given.
	Receptions []string
	// CataloguesDiffer is set when the receptions' service catalogues are
	// not the same: services are then matched by code, and named and
	// sorted into kinds as the first reception that has them does.
	CataloguesDiffer bool
}

// Reception is one reception's part of a region report: its name, for the
// report's header, and its service catalogue in its report order.
type Reception struct {
	Name      string
	Catalogue []intake.Service
}

// note is the sentence that heads a region report in l ("" for one
// reception).
func (r Region) note(l Lang) string {
	if len(r.Receptions) == 0 {
		return ""
	}
	s := l.f("Region report: the referrals of %d receptions together (%s), counted as one.",
		len(r.Receptions), strings.Join(r.Receptions, ", "))
	if r.CataloguesDiffer {
		s += " " + cataloguesDiffer(l)
	}
	return s
}

// receptionFact is what a printed report's title block says under
// "Reception": one reception's name, or a region's receptions.
func (r Region) receptionFact(one string) string {
	if len(r.Receptions) == 0 {
		return one
	}
	return strings.Join(r.Receptions, ", ")
}

// cataloguesDiffer says in l what a region report does when the
// receptions' service catalogues differ.
func cataloguesDiffer(l Lang) string {
	return l.t("Their service catalogues differ: services are matched by code, named and sorted into kinds " +
		"as the first reception that has them does; a service one reception lacks counts the others' patients.")
}

// MergeCatalogues merges the receptions' service catalogues by code, in
// the first catalogue's order, then each later one's new codes in its
// order; a code keeps the labels and category of the first catalogue that
// has it. differ reports whether the catalogues are not all the same
// services with the same labels and categories.
func MergeCatalogues(catalogues ...[]intake.Service) (merged []intake.Service, differ bool) {
	index := map[string]int{}
	for _, cat := range catalogues {
		for _, s := range cat {
			j, ok := index[s.Code]
			if !ok {
				index[s.Code] = len(merged)
				merged = append(merged, s)
				continue
			}
			if m := merged[j]; m.LabelNB != s.LabelNB || m.LabelEN != s.LabelEN || m.Category != s.Category {
				differ = true
			}
		}
	}
	for _, cat := range catalogues {
		codes := map[string]bool{}
		for _, s := range cat {
			codes[s.Code] = true
		}
		if len(codes) != len(merged) {
			differ = true // it lacks a service another one has
		}
	}
	return merged, differ
}

// TallySum sums tallies that are alike in everything but their number N
// into one tally: the merge of several receptions' tallies. Its memory
// grows with the distinct tallies, not with the referrals.
type TallySum struct {
	index   map[tallyKey]int
	tallies []Tally
}

// tallyKey is everything of a tally but N. TestTallyKeyCoversEveryField
// fails when Tally gains a field that is not here: two tallies that
// differ in it must not be summed into one.
type tallyKey struct {
	period                    string
	channel                   intake.Channel
	addressedTo               intake.Addressee
	assigned                  bool
	clinicianOrg              intake.Org
	attended                  intake.Attendance
	state                     intake.State
	outcomes                  string
	daysToFirst, daysToRouted int
	daysToWithdrawn, deadline int
	openDeadline              string
	consultations             intake.ConsultationCounts
	part                      TallyPart
}

func keyOf(t Tally) tallyKey {
	return tallyKey{
		period: dayKey(t.Period), channel: t.Channel, addressedTo: t.AddressedTo, assigned: t.Assigned,
		clinicianOrg: t.ClinicianOrg, attended: t.Attended, state: t.State,
		// Codes hold no spaces (intake.Service codes are identifiers).
		outcomes:    strings.Join(t.Outcomes, " "),
		daysToFirst: t.DaysToFirst, daysToRouted: t.DaysToRouted, daysToWithdrawn: t.DaysToWithdrawn,
		deadline: t.Deadline, openDeadline: dayKey(t.OpenDeadline), consultations: t.Consultations, part: t.Part,
	}
}

func dayKey(d intake.Date) string {
	if d.IsZero() {
		return ""
	}
	return d.String()
}

// Add adds t to the sum. It keeps a copy of t.Outcomes: a store reuses
// the slice for the next tally.
func (s *TallySum) Add(t Tally) error {
	k := keyOf(t)
	if i, ok := s.index[k]; ok {
		s.tallies[i].N += t.N
		return nil
	}
	if s.index == nil {
		s.index = map[tallyKey]int{}
	}
	t.Outcomes = append([]string(nil), t.Outcomes...)
	s.index[k] = len(s.tallies)
	s.tallies = append(s.tallies, t)
	return nil
}

// Tallies returns the summed tallies in the order first added.
func (s *TallySum) Tallies() []Tally { return s.tallies }

// N is the number of referrals the sum counts: tallies of consultations
// and of the closing half of a referral (TallyClose) count none.
func (s *TallySum) N() int {
	n := 0
	for _, t := range s.tallies {
		if t.Part == TallyWhole || t.Part == TallySteps {
			n += t.N
		}
	}
	return n
}

// RegionBuilder builds the routing statistics and the funnel of one
// period across several receptions: the receptions' tallies are summed
// (TallySum), then counted and suppressed as one reception's would be
// (ReportsBuilder). It takes what a ReportsBuilder takes.
type RegionBuilder struct {
	b           *ReportsBuilder
	region      Region
	first, last intake.Date
	// stats and months are the statistics' and the funnel's tallies;
	// whole are tallies that count in both (rows, for the funnel by week).
	stats, months, whole TallySum
	merged               bool
	err                  error
}

// NewRegion returns a builder for the reports of the receptions over the
// period opts describe (opts.Catalogue is ignored: the receptions'
// catalogues are merged); the funnel is by by.
func NewRegion(opts StatsOptions, by By, receptions []Reception) (*RegionBuilder, error) {
	cats := make([][]intake.Service, len(receptions))
	region := Region{}
	for i, r := range receptions {
		cats[i] = r.Catalogue
		region.Receptions = append(region.Receptions, r.Name)
	}
	opts.Catalogue, region.CataloguesDiffer = MergeCatalogues(cats...)
	b, err := NewReports(opts, by)
	if err != nil {
		return nil, err
	}
	return &RegionBuilder{b: b, region: region}, nil
}

// Joint reports whether the reports are suppressed together (see
// ReportsBuilder.Joint).
func (r *RegionBuilder) Joint() bool { return r.b.Joint() }

// Span records that one reception's referrals were received from first
// to last.
func (r *RegionBuilder) Span(first, last intake.Date) { span(&r.first, &r.last, first, last) }

// Add counts one referral's row: as its tally, never kept as a row.
func (r *RegionBuilder) Add(row Row) error {
	r.Span(row.Received, row.Received)
	return r.whole.Add(TallyOf(row))
}

// AddStatsTally adds a tally of the statistics (ReportsBuilder.AddStatsTally).
func (r *RegionBuilder) AddStatsTally(t Tally) error { return r.stats.Add(t) }

// AddMonthTally adds a tally of the funnel (ReportsBuilder.AddMonthTally).
func (r *RegionBuilder) AddMonthTally(t Tally) error { return r.months.Add(t) }

// merge hands the sums to the reports' builder, once.
func (r *RegionBuilder) merge() error {
	if r.merged {
		return r.err
	}
	r.merged = true
	r.b.Span(r.first, r.last)
	for _, add := range []struct {
		sum *TallySum
		fn  func(Tally) error
	}{{&r.stats, r.b.AddStatsTally}, {&r.months, r.b.AddMonthTally}, {&r.whole, r.b.AddTally}} {
		for _, t := range add.sum.Tallies() {
			if r.err = add.fn(t); r.err != nil {
				return r.err
			}
		}
	}
	return nil
}

// Weeks is ReportsBuilder.Weeks of the merged tallies.
func (r *RegionBuilder) Weeks() (int, error) {
	if err := r.merge(); err != nil {
		return 0, err
	}
	return r.b.Weeks(), nil
}

// Result computes both reports of the region from one suppression of the
// summed tallies; each says which receptions it covers.
func (r *RegionBuilder) Result() (Stats, Funnel, error) {
	if err := r.merge(); err != nil {
		return Stats{}, Funnel{}, err
	}
	s, f := r.b.Result()
	s.Region, f.Region = r.region, r.region
	return s, f, nil
}

// svgSource is the source line of a picture: one reception's as given,
// or for a region the same with its first sentence, which says the
// referrals are the reception's, saying whose they are.
func (r Region) svgSource(l Lang, source string) string {
	if len(r.Receptions) == 0 {
		return source
	}
	rest, _ := strings.CutPrefix(source, l.t("Source: envei, the reception's referrals."))
	s := l.f("Source: envei, the referrals of %d receptions together (%s).", len(r.Receptions), strings.Join(r.Receptions, ", "))
	if r.CataloguesDiffer {
		s += " " + cataloguesDiffer(l)
	}
	return s + rest
}
