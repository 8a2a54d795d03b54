package main

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/pflag"

	"envei/intake"
	"envei/intake/report"
	"envei/store"
	"envei/tui"
)

// reportFlags are the flags stats and funnel share: the received dates,
// the small-number threshold, and where the report goes.
type reportFlags struct {
	from, to string
	minCell  int
	out      string
}

func (f *reportFlags) register(fs *pflag.FlagSet) {
	fs.StringVar(&f.from, "from", "", "count referrals received on or after `DATE` (YYYY-MM-DD)")
	fs.StringVar(&f.to, "to", "", "count referrals received on or before `DATE` (YYYY-MM-DD)")
	fs.IntVar(&f.minCell, "min-cell", 0, "hide counts from 1 to `N`-1, and what would reveal them (0: show all; else at least 3)")
	fs.StringVar(&f.out, "out", "", "write to `FILE` instead of standard output (refuses to overwrite; the format follows its extension unless --format is given)")
}

// formatByExtension is the format a file name asks for.
var formatByExtension = map[string]string{".csv": "csv", ".json": "json", ".md": "md", ".svg": "svg", ".txt": "table", ".xlsx": "xlsx", ".pdf": "pdf"}

// format returns the report format: --format when given, else the one
// --out's extension names, else def. A format the report does not write
// is a usage error that names those it does.
func (f *reportFlags) format(given, def string, formats []string) (string, error) {
	choice := given
	if choice == "" && f.out != "" && f.out != "-" {
		ext := strings.ToLower(filepath.Ext(f.out))
		choice = formatByExtension[ext]
		if choice == "" || !slices.Contains(formats, choice) {
			return "", usagef("--out %s: cannot tell the format from %q; name the file %s, or give --format",
				filepath.Base(f.out), ext, extensionsOf(formats))
		}
	}
	if choice == "" {
		choice = def
	}
	if !slices.Contains(formats, choice) {
		return "", usagef("--format must be %s", strings.Join(formats, ", "))
	}
	return choice, nil
}

// extensionsOf lists the file extensions of formats, for a message.
func extensionsOf(formats []string) string {
	var exts []string
	for ext, format := range formatByExtension {
		if slices.Contains(formats, format) {
			exts = append(exts, ext)
		}
	}
	slices.Sort(exts)
	return strings.Join(exts, ", ")
}

// parse checks the flags; mistakes are usage errors.
func (f *reportFlags) parse() (from, to intake.Date, err error) {
	day := func(name, s string) (intake.Date, error) {
		if s == "" {
			return intake.Date{}, nil
		}
		d, err := intake.ParseDate(s)
		if err != nil {
			return d, usagef("--%s is not a date in the form YYYY-MM-DD", name)
		}
		return d, nil
	}
	if from, err = day("from", f.from); err != nil {
		return
	}
	if to, err = day("to", f.to); err != nil {
		return
	}
	if !from.IsZero() && !to.IsZero() && to.Before(from) {
		return from, to, usagef("--to %s is before --from %s", to, from)
	}
	switch {
	case f.minCell < 0:
		err = usagef("--min-cell must be 0 (show all) or at least 3")
	case f.minCell == 1 || f.minCell == 2:
		// "<2" could only mean 1: it would hide nothing.
		err = usagef("--min-cell %d hides nothing worth hiding (\"<2\" can only be 1); use 0 or at least 3", f.minCell)
	}
	return from, to, err
}

// openForReport opens the database for a report and checks that the user
// may read statistics. A report never creates a database: a mistyped
// --db would otherwise report an empty one.
func openForReport(ctx context.Context, a *app) (*store.Store, intake.Clinician, []intake.Service, error) {
	s, err := a.open(ctx, openOptions{})
	if err != nil {
		return nil, intake.Clinician{}, nil, err
	}
	who, err := a.actor(ctx, s)
	if err == nil {
		err = require(who, intake.RoleSupervisor, "statistics")
	}
	var catalogue []intake.Service
	if err == nil {
		catalogue, err = s.Services(ctx)
	}
	// The labels are printed: one stored before control characters were
	// refused must not act on the terminal.
	for i := range catalogue {
		catalogue[i].LabelNB, catalogue[i].LabelEN = intake.SafeText(catalogue[i].LabelNB), intake.SafeText(catalogue[i].LabelEN)
	}
	if err != nil {
		s.Close()
		return nil, who, nil, err
	}
	return s, who, catalogue, nil
}

// noteEmptyOrExposed tells on standard error what a machine format cannot
// say in its data: that nothing matched, or that suppression could not
// protect every count.
func noteEmptyOrExposed(a *app, name string, empty, exposed bool, period string) {
	if empty {
		fmt.Fprintf(a.stderr, "envei %s: no referrals were received %s\n", name, period)
	}
	if exposed {
		fmt.Fprintf(a.stderr, "envei %s: warning: some rows or columns are so small that their hidden counts can "+
			"still be worked out; leave them out or choose a longer period before the report leaves the reception\n", name)
	}
}

// periodText is the period of a report for a message.
func periodText(from, to intake.Date) string {
	p := report.Period(from, to, intake.Date{}, intake.Date{})
	if p == "all dates" {
		return "at all"
	}
	if from.IsZero() || to.IsZero() {
		return p
	}
	return "from " + p
}

// reportTallies hands b the period's tallies: the statistics' and the
// funnel's months, which the store groups apart. Both are read only when
// the reports are suppressed together (b.Joint); otherwise the report
// asked for reads its own: stats the statistics' (also the funnel for the
// whole period, the faster grouping), funnel by month the months'.
func reportTallies(ctx context.Context, s *store.Store, who intake.Clinician, from, to intake.Date, b tallySink, stats bool, by report.By) error {
	if b.Joint() || stats || by == report.ByAll {
		add := b.AddStatsTally
		if !b.Joint() && !stats {
			add = b.AddMonthTally // the funnel for the whole period, from the statistics' grouping
		}
		if err := s.ReportTallies(ctx, who, from, to, false, b.Span, add); err != nil {
			return err
		}
	}
	if b.Joint() || (!stats && by == report.ByMonth) {
		return s.ReportTallies(ctx, who, from, to, true, b.Span, b.AddMonthTally)
	}
	return nil
}

// reportLang is the language of a report, chosen as the console chooses:
// --lang, else LC_ALL/LC_MESSAGES/LANG.
func reportLang(a *app) report.Lang {
	if a.global.lang != "" {
		return report.ParseLang(a.global.lang)
	}
	return report.ParseLang(string(tui.LangFromEnv(a.getenv)))
}
