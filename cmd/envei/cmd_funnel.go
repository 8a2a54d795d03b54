package main

import (
	"context"
	"io"

	"github.com/spf13/pflag"

	"envei/intake"
	"envei/intake/report"
)

func funnelCommand() command {
	return command{
		name:    "funnel",
		summary: "the funnel for pilot leads: how many came in, were seen, went where, and how long it took",
		long: `Counts, per month, ISO week (2023-W09) or for the whole period (--by), the
patients received in it who reached each stage:

  received, assigned, scheduled, attended, decided   each implies the ones
      before it (an import without a clinician counts as assigned once a
      first conversation was booked)
  to_dps, to_municipal, to_specialised, to_reception, no_need   where the
      decided patients went (one patient can go to two places)
  did_not_attend, withdrawn, open   where the others stopped

decided, did_not_attend, withdrawn and open add up to received.

--format csv writes period,stage,count,percent_of_received,
median_days_from_received (calendar days to the stage's own date: the booked
or attended first conversation, the decision, the withdrawal; received,
assigned and open have none), stage_label (the stage in the report's
language; in bokmål the column names too). json holds the same numbers, md a table per
period, svg a bar chart per period for a slide, pdf an A4 portrait document
with the reception's name, the role it was made for, the chart and the
tables (to a file: --out FILE.pdf).

--min-cell N hides every count from 1 to N-1 as <N, its percent and median,
and further counts (:) so that none can be worked out from the others. No
report holds names, national ids or refs. Needs the role supervisor.

--out FILE writes to a new file (0600, never over one), in the format its
extension names (.csv .json .md .svg .pdf) unless --format is given; --lang nb or
the locale writes labels and prose in bokmål.

--db given more than once makes a region report, as envei stats does.`,
		setup: func(fs *pflag.FlagSet) runner {
			var rf reportFlags
			rf.register(fs)
			by := fs.String("by", "month", "month, week (ISO) or all")
			format := fs.String("format", "", "csv, json, md, svg or pdf (default: from --out's extension, else csv)")
			return func(ctx context.Context, a *app, args []string) error {
				if len(args) > 0 {
					return usagef("takes no arguments")
				}
				from, to, err := rf.parse()
				if err != nil {
					return err
				}
				period, err := report.ParseBy(*by)
				if err != nil {
					return usagef("--by %v", err)
				}
				chosen, err := rf.format(*format, "csv", []string{"csv", "json", "md", "svg", "pdf"})
				if err != nil {
					return err
				}
				if chosen == "pdf" && (rf.out == "" || rf.out == "-") && a.isTerminal(a.stdout) {
					return usagef("a pdf file is no text for a terminal: give --out FILE.pdf, or redirect standard output")
				}
				write := map[string]func(io.Writer, report.Funnel) error{
					"csv": report.WriteFunnelCSV, "json": report.WriteFunnelJSON,
					"md": report.WriteFunnelMarkdown, "svg": report.WriteFunnelSVG,
					"pdf": report.WriteFunnelPDF,
				}[chosen]
				opts := report.StatsOptions{From: from, To: to, Today: intake.DateOf(a.now(), intake.Oslo), MinCell: rf.minCell, Lang: reportLang(a)}
				var f report.Funnel
				if a.global.severalDBs() {
					// A region report (region.go).
					if _, f, err = regionReports(ctx, a, opts, period, false); err != nil {
						return err
					}
					noteRegion(a, "funnel", chosen, f.Region)
				} else if f, err = funnelOfOne(ctx, a, opts, period); err != nil {
					return err
				}
				if chosen != "md" {
					noteEmptyOrExposed(a, "funnel", len(f.Periods) == 0, f.Exposed(), periodText(from, to))
				}
				return writeOutput(a, rf.out, func(w io.Writer) error { return write(w, f) })
			}
		},
	}
}

// funnelOfOne builds the funnel of the one database --db names.
func funnelOfOne(ctx context.Context, a *app, opts report.StatsOptions, period report.By) (report.Funnel, error) {
	s, who, catalogue, err := openForReport(ctx, a)
	if err != nil {
		return report.Funnel{}, err
	}
	defer s.Close()
	reception, err := s.ReceptionAddress(ctx)
	if err != nil {
		return report.Funnel{}, err
	}
	opts.Catalogue, opts.MadeBy, opts.Reception = catalogue, string(who.Role), intake.SafeText(reception.Name)
	// Suppressed together with the routing statistics of the same period
	// and the funnel's months (report.NewReports).
	b, err := report.NewReports(opts, period)
	if err != nil {
		return report.Funnel{}, err
	}
	// Months come grouped from an index; ISO weeks have none and come row
	// by row.
	if period == report.ByWeek {
		err = s.ReportRows(ctx, who, opts.From, opts.To, b.Add)
	} else {
		err = reportTallies(ctx, s, who, opts.From, opts.To, b, false, period)
	}
	if err != nil {
		return report.Funnel{}, err
	}
	if err := weeksProtectable(b.Weeks()); err != nil {
		return report.Funnel{}, err
	}
	_, f := b.Result()
	return f, nil
}
