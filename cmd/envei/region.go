package main

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"envei/intake"
	"envei/intake/report"
	"envei/store"
)

// A region report: `envei stats --db A --db B …` (and funnel) reads the
// de-identified tallies of several receptions' databases and prints one
// report of their sum, suppressed once (issue 15). The user running it
// must be a supervisor or admin in every one of them; every database is
// opened and checked before any is read, so a refusal prints nothing but
// which database refused.

// tallySink is what reportTallies fills: one reception's reports
// (report.ReportsBuilder) or a region's (report.RegionBuilder).
type tallySink interface {
	Joint() bool
	Span(first, last intake.Date)
	AddStatsTally(report.Tally) error
	AddMonthTally(report.Tally) error
}

// regionSource is one reception's database, open for a region report.
type regionSource struct {
	label string // how messages name the database: the path given, or a DSN's host/dbname
	s     *store.Store
	who   intake.Clinician
	rec   report.Reception
}

// dbLabel names a --db in a message: a file by the path given; a URL
// (a PostgreSQL DSN) by its host and database name only, never its user,
// password or options.
func dbLabel(db string) string {
	m := urlScheme.FindStringSubmatch(db)
	if m == nil {
		return db
	}
	u, err := url.Parse(db)
	if err != nil {
		return m[1] + "://…"
	}
	host := u.Host
	if host == "" {
		host = u.Query().Get("host")
	}
	return host + "/" + strings.TrimPrefix(u.Path, "/")
}

// openRegion opens every --db as openForReport opens one, and checks that
// the user may read statistics in each. On an error every database opened
// is closed again and the error names the one at fault.
func openRegion(ctx context.Context, a *app) (srcs []regionSource, err error) {
	defer func() {
		if err != nil {
			closeRegion(srcs)
			srcs = nil
		}
	}()
	login, _, err := a.username()
	if err != nil {
		return nil, err
	}
	var files []os.FileInfo // of the databases open so far that are files
	for _, db := range a.global.dbs {
		label := dbLabel(db)
		// Opened as the one database of any other command would be, so
		// whatever --db may name (a file, a DSN) opens alike.
		one := *a
		one.global.db, one.global.dbs = db, nil
		s, err := one.open(ctx, openOptions{})
		if err != nil {
			return srcs, fmt.Errorf("%s: %w", label, err)
		}
		src := regionSource{label: label, s: s}
		srcs = append(srcs, src)
		if first := sameAsBefore(srcs, files, db, s); first != "" {
			return srcs, usagef("--db %s and --db %s are the same database: a region report would count it twice", first, label)
		}
		fi, _ := os.Stat(s.Path())
		files = append(files, fi)
		who, err := s.Actor(ctx, login)
		if errors.Is(err, store.ErrNotOnRoster) {
			return srcs, fmt.Errorf("you (%s) are not on the roster of %s\n  a region report needs the role supervisor in every database; "+
				"an admin of %s can add you with: envei clinician add %s --name \"Your Name\" --org dps|municipal --role supervisor",
				login, label, label, login)
		}
		if err != nil {
			return srcs, fmt.Errorf("%s: %w", label, err)
		}
		if !who.Role.AtLeast(intake.RoleSupervisor) {
			return srcs, fmt.Errorf("statistics of %s need the role supervisor; you (%s) are %s there\n  "+
				"a region report needs the role supervisor in every database it covers", label, login, who.Role)
		}
		rec, err := receptionOf(ctx, s, db, label)
		if err != nil {
			return srcs, fmt.Errorf("%s: %w", label, err)
		}
		srcs[len(srcs)-1].who, srcs[len(srcs)-1].rec = who, rec
	}
	return srcs, nil
}

// sameAsBefore returns the label of an earlier source that is the same
// database as s (opened from db), or "": a file by os.SameFile, so two
// spellings of a path or a link are found; anything else by its label.
func sameAsBefore(before []regionSource, files []os.FileInfo, db string, s *store.Store) string {
	fi, err := os.Stat(s.Path())
	for i, src := range before[:len(before)-1] {
		switch {
		case err == nil && files[i] != nil && os.SameFile(fi, files[i]):
			return src.label
		case (err != nil || files[i] == nil) && src.label == dbLabel(db):
			return src.label
		}
	}
	return ""
}

// receptionOf is a reception's part of a region report: its name as
// `envei reception show` prints it (else the database file's name, or a
// DSN's database), and its catalogue.
func receptionOf(ctx context.Context, s *store.Store, db, label string) (report.Reception, error) {
	addr, err := s.ReceptionAddress(ctx)
	if err != nil {
		return report.Reception{}, err
	}
	name := intake.SafeText(strings.TrimSpace(addr.Name))
	if name == "" {
		name = filepath.Base(label)
		if urlScheme.FindStringSubmatch(db) != nil {
			name = label
		}
	}
	catalogue, err := s.Services(ctx)
	if err != nil {
		return report.Reception{}, err
	}
	// The labels are printed (as openForReport does).
	for i := range catalogue {
		catalogue[i].LabelNB, catalogue[i].LabelEN = intake.SafeText(catalogue[i].LabelNB), intake.SafeText(catalogue[i].LabelEN)
	}
	return report.Reception{Name: name, Catalogue: catalogue}, nil
}

func closeRegion(srcs []regionSource) {
	for _, src := range srcs {
		src.s.Close()
	}
}

// regionReports builds the statistics and the funnel (by by) of every
// --db's reception together: the tallies each database hands over are
// summed, then suppressed once and jointly, as one database's are. stats
// says which report is asked for (reportTallies reads only its tallies
// when nothing is hidden). opts.Catalogue and opts.MadeBy are filled in.
func regionReports(ctx context.Context, a *app, opts report.StatsOptions, by report.By, stats bool) (report.Stats, report.Funnel, error) {
	srcs, err := openRegion(ctx, a)
	if err != nil {
		return report.Stats{}, report.Funnel{}, err
	}
	defer closeRegion(srcs)
	recs := make([]report.Reception, len(srcs))
	opts.MadeBy = string(intake.RoleAdmin)
	for i, src := range srcs {
		recs[i] = src.rec
		if !src.who.Role.AtLeast(intake.Role(opts.MadeBy)) {
			opts.MadeBy = string(src.who.Role) // the least of the user's roles
		}
	}
	rb, err := report.NewRegion(opts, by, recs)
	if err != nil {
		return report.Stats{}, report.Funnel{}, err
	}
	for _, src := range srcs {
		// As the funnel reads one database: ISO weeks come row by row
		// (and become tallies at once), the rest as tallies.
		if !stats && by == report.ByWeek {
			err = src.s.ReportRows(ctx, src.who, opts.From, opts.To, rb.Add)
		} else {
			err = reportTallies(ctx, src.s, src.who, opts.From, opts.To, rb, stats, by)
		}
		if err != nil {
			return report.Stats{}, report.Funnel{}, fmt.Errorf("%s: %w", src.label, err)
		}
	}
	if !stats {
		n, err := rb.Weeks()
		if err != nil {
			return report.Stats{}, report.Funnel{}, err
		}
		if err := weeksProtectable(n); err != nil {
			return report.Stats{}, report.Funnel{}, err
		}
	}
	return rb.Result()
}

// weeksProtectable refuses a funnel by week with hidden counts over more
// ISO weeks than can be protected together with the other reports.
func weeksProtectable(n int) error {
	if n <= report.MaxProtectedWeeks {
		return nil
	}
	return usagef("--by week with --min-cell: the period has %d weeks with referrals, and at most %d can be "+
		"protected together with the other reports; choose a shorter period (--from/--to) or --by month",
		n, report.MaxProtectedWeeks)
}

// noteRegion tells on standard error what the csv cannot say in its data:
// which receptions the region report covers.
func noteRegion(a *app, name, format string, r report.Region) {
	if format != "csv" || len(r.Receptions) == 0 {
		return
	}
	fmt.Fprintf(a.stderr, "envei %s: a region report of %d receptions together: %s\n", name, len(r.Receptions), strings.Join(r.Receptions, ", "))
	if r.CataloguesDiffer {
		fmt.Fprintf(a.stderr, "envei %s: their service catalogues differ: services are matched by code, "+
			"and named as the first reception that has them does\n", name)
	}
}
