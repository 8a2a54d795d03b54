package main

import (
	"context"
	"io"

	"github.com/spf13/pflag"

	"envei/intake"
	"envei/intake/report"
)

func statsCommand() command {
	return command{
		name:    "stats",
		summary: "routing statistics for supervisors: where patients went, wrong queue, by clinician organisation, timeliness",
		long: `Counts the referrals received in the period (all, or --from/--to) in four
sections, as the pilot table does:

1. Routing: one column per group of patients — GP referrals addressed to DPS,
   to the municipality, to a specialist, and self-bookings — and a total; one
   row per outcome in catalogue order, then "open" (not yet decided) and
   "withdrawn". Each cell is patients (percent of the column's patients,
   rounded half up). A patient routed to two services counts in both rows, so
   a column can add up to more than its patients. Groups and rows with no
   patients are left out.
2. Wrong queue: where patients ended, by kind of service, against where they
   were addressed.
3. By clinician organisation: the outcomes of patients seen by DPS clinicians
   against those seen by municipal clinicians, with a chi-square test of
   independence. Clinicians are assigned at random; that makes it fair.
4. Timeliness: median and 90th-percentile days from received to the first
   conversation and to the routing decision; for referrals to DPS and to
   specialists, how many had their rights assessed within 10 working days.

--format pdf writes the report for print, A4 portrait: the reception's name
(envei reception set), the period, the day and the role it was made for; the
routing table as a ruled table with its chart (percent of each group's
patients); wrong queue; by clinician organisation with the test in words;
the waits and the 10-working-day rule; and with --min-cell, which counts it
hid and why.

--format svg draws the routing table for a slide: the groups on the left, the
outcomes on the right, a band per group and outcome as wide as its patients,
labelled with patients and percent; a hidden count is a thin grey band of one
fixed width.

--format xlsx writes a workbook, a sheet per section: counts as numbers,
percent as percent, hidden counts as their marks.

--format csv writes the routing table only, one record per group and outcome:
group,patients,outcome,count,percent (percent with one decimal), then
group_label,outcome_label in the report's language (in bokmål the column
names too: gruppe,pasienter,utfall,antall,prosent,gruppe_tekst,utfall_tekst;
the codes and numbers are the same). json writes every section with the same
numbers, its labels in the language it names ("lang"); table and md are for
people.

--min-cell N is for reports that leave the reception: every count from 1 to
N-1 is shown as <N with its percent hidden, and further counts are hidden (:)
so that none can be worked out from the totals, the other sections and the
funnel of the same period (they are suppressed together). Zeros
are shown. With it, the waits are shown without their numbers of patients.
--out FILE writes to a new file (0600, never over one), in the format its
extension names (.txt .md .csv .json .svg .xlsx .pdf) unless --format is given; --lang nb
or the locale writes labels and prose in bokmål. No report holds names,
national ids or refs. Needs the role supervisor.

--db given more than once (--db sor.db --db nord.db) makes a region report:
the receptions' counts summed into one report that names them, with
--min-cell applied once to the sum. You need the role supervisor in every
database; a service one catalogue lacks is still counted.`,
		setup: func(fs *pflag.FlagSet) runner {
			var rf reportFlags
			rf.register(fs)
			format := fs.String("format", "", "table, csv, json, md, svg, xlsx or pdf (default: from --out's extension, else table)")
			return func(ctx context.Context, a *app, args []string) error {
				if len(args) > 0 {
					return usagef("takes no arguments")
				}
				from, to, err := rf.parse()
				if err != nil {
					return err
				}
				chosen, err := rf.format(*format, "table", []string{"table", "csv", "json", "md", "svg", "xlsx", "pdf"})
				if err != nil {
					return err
				}
				if (chosen == "xlsx" || chosen == "pdf") && (rf.out == "" || rf.out == "-") && a.isTerminal(a.stdout) {
					return usagef("a %s file is no text for a terminal: give --out FILE.%s, or redirect standard output", chosen, chosen)
				}
				write := map[string]func(io.Writer, report.Stats) error{
					"table": report.WriteStatsText, "csv": report.WriteStatsCSV,
					"json": report.WriteStatsJSON, "md": report.WriteStatsMarkdown,
					"svg":  report.WriteStatsSVG,
					"xlsx": report.WriteStatsXLSX, "pdf": report.WriteStatsPDF,
				}[chosen]
				opts := report.StatsOptions{From: from, To: to, Today: intake.DateOf(a.now(), intake.Oslo), MinCell: rf.minCell, Lang: reportLang(a)}
				var st report.Stats
				if a.global.severalDBs() {
					// A region report (region.go).
					if st, _, err = regionReports(ctx, a, opts, report.ByMonth, true); err != nil {
						return err
					}
					noteRegion(a, "stats", chosen, st.Region)
				} else if st, err = statsOfOne(ctx, a, opts); err != nil {
					return err
				}
				if chosen == "csv" || chosen == "json" || chosen == "svg" || chosen == "xlsx" || chosen == "pdf" {
					noteEmptyOrExposed(a, "stats", st.Referrals == 0, st.Exposed(), periodText(from, to))
				}
				return writeOutput(a, rf.out, func(w io.Writer) error { return write(w, st) })
			}
		},
	}
}

// statsOfOne builds the statistics of the one database --db names.
func statsOfOne(ctx context.Context, a *app, opts report.StatsOptions) (report.Stats, error) {
	s, who, catalogue, err := openForReport(ctx, a)
	if err != nil {
		return report.Stats{}, err
	}
	defer s.Close()
	reception, err := s.ReceptionAddress(ctx)
	if err != nil {
		return report.Stats{}, err
	}
	opts.Catalogue, opts.MadeBy, opts.Reception = catalogue, string(who.Role), intake.SafeText(reception.Name)
	// Suppressed together with the funnel of the same period
	// (report.NewReports): a count hidden here must not be shown or
	// derivable there.
	b, err := report.NewReports(opts, report.ByMonth)
	if err != nil {
		return report.Stats{}, err
	}
	if err := reportTallies(ctx, s, who, opts.From, opts.To, b, true, report.ByMonth); err != nil {
		return report.Stats{}, err
	}
	st, _ := b.Result()
	return st, nil
}
