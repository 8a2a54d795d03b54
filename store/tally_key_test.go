package store

import (
	"context"
	"reflect"
	"slices"
	"strings"
	"testing"

	"envei/intake"
	"envei/intake/report"
)

// Every report index of referrals is one packed key and received
// (migration 0013): grouping by a dozen columns made every comparison walk
// the columns before the one compared (12.6 s of rebuilding the indexes
// after a 1M load on PostgreSQL).
func TestReportIndexesAreOneKey(t *testing.T) {
	s := newStore(t, true)
	query := `SELECT i.name, c.name FROM sqlite_master i, pragma_index_info(i.name) c
		WHERE i.type = 'index' AND i.name LIKE 'referrals_report_%' ORDER BY i.name, c.seqno`
	if onPostgres() {
		query = `SELECT i.relname, a.attname FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
			JOIN pg_class t ON t.oid = x.indrelid, unnest(x.indkey) WITH ORDINALITY AS k(attnum, n)
			JOIN pg_attribute a ON a.attnum = k.attnum
			WHERE t.relname = 'referrals' AND a.attrelid = t.oid AND i.relname LIKE 'referrals_report_%'
			ORDER BY i.relname, k.n`
	}
	rows, err := s.db.Query(query)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	got := map[string][]string{}
	for rows.Next() {
		var index, column string
		if err := rows.Scan(&index, &column); err != nil {
			t.Fatal(err)
		}
		got[index] = append(got[index], column)
	}
	want := map[string][]string{
		"referrals_report_stats":        {"tally_key", "received"},
		"referrals_report_month_counts": {"month_counts_key", "received"},
		"referrals_report_month_first":  {"month_first_key", "received"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("report indexes %v, want %v", got, want)
	}
}

// A key reads back as the tally it was made from, whatever the values:
// an assigned clinician without an organisation apart from none assigned,
// no attendance recorded, days before received, every deadline class,
// and codes holding the separators.
func TestTallyKeysReadBack(t *testing.T) {
	d := intake.MustParseDate
	base := report.Row{Received: d("2026-03-10"), Channel: intake.ChannelGP, AddressedTo: intake.AddressedDPS,
		State: intake.StateRegistered}
	rows := []report.Row{base}
	add := func(change func(r *report.Row)) {
		r := base
		change(&r)
		rows = append(rows, r)
	}
	add(func(r *report.Row) { r.Assigned = true })
	add(func(r *report.Row) { r.Assigned, r.ClinicianOrg = true, intake.OrgDPS })
	add(func(r *report.Row) {
		r.Assigned, r.ClinicianOrg, r.FirstConversation, r.Attended = true, "odd|org~%", d("2026-03-01"), intake.AttendanceYes
		r.State = intake.StateAttended
	})
	add(func(r *report.Row) {
		r.FirstConversation, r.Attended, r.Routed, r.State = d("2026-03-12"), intake.AttendanceNo, d("2026-04-01"), intake.StateRouted
		r.Outcomes = []string{"dps", "a|b", "two words", "50%", "~"}
	})
	add(func(r *report.Row) { r.Withdrawn, r.State = d("2026-03-09"), intake.StateWithdrawn })
	add(func(r *report.Row) { r.Deadline = d("2026-03-24") })
	add(func(r *report.Row) { r.Deadline, r.State = d("2026-03-24"), intake.StateVoided })
	add(func(r *report.Row) {
		r.Deadline, r.FirstConversation, r.Attended, r.State = d("2026-03-24"), d("2026-03-30"), intake.AttendanceYes, intake.StateAttended
	})
	add(func(r *report.Row) {
		r.Deadline, r.RightsDecided, r.State = d("2026-03-24"), d("2026-03-20"), intake.StateAssessed
	})
	add(func(r *report.Row) {
		r.Deadline, r.Withdrawn, r.State = d("2026-03-24"), d("2026-03-12"), intake.StateWithdrawn
	})
	add(func(r *report.Row) { r.Received = d("1999-12-31") })

	seen := map[tallyKeys]int{}
	for i, r := range rows {
		keys := tallyKeysOf(r)
		if j, ok := seen[keys]; ok {
			t.Errorf("rows %d and %d have the same keys %+v", j, i, keys)
		}
		seen[keys] = i
		want := report.TallyOf(r)
		want.Outcomes = slices.Sorted(slices.Values(r.Outcomes))
		k := keyScanner{sc: newReportScanner()}
		stats, err := k.stats([]byte(keys.stats), 3)
		if err != nil {
			t.Fatalf("row %d: %s: %v", i, keys.stats, err)
		}
		w := want
		w.N, w.Period, w.Part = 3, intake.Date{}, report.TallyWhole
		if !r.Assigned {
			w.ClinicianOrg = ""
		}
		if !reflect.DeepEqual(normal(stats), normal(w)) {
			t.Errorf("row %d: key %q reads back as\n%+v, want\n%+v", i, keys.stats, stats, w)
		}
		month := d(r.Received.String()[:7] + "-01")
		counts, err := k.monthCounts([]byte(keys.monthCounts), 2)
		if err != nil {
			t.Fatalf("row %d: %s: %v", i, keys.monthCounts, err)
		}
		wc := report.Tally{N: 2, Period: month, State: want.State, Attended: want.Attended, Outcomes: want.Outcomes,
			DaysToFirst: report.NoDays, DaysToRouted: want.DaysToRouted, DaysToWithdrawn: want.DaysToWithdrawn,
			Deadline: report.DeadlineNone, Part: report.TallyCounts}
		if !reflect.DeepEqual(normal(counts), normal(wc)) {
			t.Errorf("row %d: key %q reads back as\n%+v, want\n%+v", i, keys.monthCounts, counts, wc)
		}
		first, state, assigned, err := k.monthFirst([]byte(keys.monthFirst), 4)
		if err != nil {
			t.Fatalf("row %d: %s: %v", i, keys.monthFirst, err)
		}
		wf := report.Tally{N: 4, Period: month, Assigned: true, Attended: want.Attended, DaysToFirst: want.DaysToFirst,
			DaysToRouted: report.NoDays, DaysToWithdrawn: report.NoDays, Deadline: report.DeadlineNone, Part: report.TallyFirst}
		if !reflect.DeepEqual(first, wf) || state != r.State || assigned != r.Assigned {
			t.Errorf("row %d: key %q reads back as %+v %s %v", i, keys.monthFirst, first, state, assigned)
		}
	}
	// A month key starts with the month, so a month's groups come together.
	if k := tallyKeysOf(base); !strings.HasPrefix(k.monthCounts, "2026-03|") || !strings.HasPrefix(k.monthFirst, "2026-03|") {
		t.Errorf("month keys %+v", k)
	}
	for _, damaged := range []string{"", "gp|dps", "gp|dps|~|registered||||~|~|~|~|~|x", "gp|dps|~|registered||dps|x|~|~|~|~", "gp|dps|%G1|registered||dps|~|~|~|~|~"} {
		k := keyScanner{sc: newReportScanner()}
		if _, err := k.stats([]byte(damaged), 1); err == nil {
			t.Errorf("damaged key %q read without error", damaged)
		}
	}
}

// normal makes empty and nil outcomes alike for comparison.
func normal(t report.Tally) report.Tally {
	if len(t.Outcomes) == 0 {
		t.Outcomes = nil
	}
	return t
}

// Migration 0013's Go step gives the referrals already written the keys
// every write gives them, in more than one chunk.
func TestTallyKeysExistingRows(t *testing.T) {
	s := loadDemo(t, 2500)
	ctx := context.Background()
	fresh := freshTallies(t, s)
	if _, err := s.db.Exec(`UPDATE referrals SET tally_key = '', month_counts_key = '', month_first_key = ''`); err != nil {
		t.Fatal(err)
	}
	if err := s.InTx(ctx, func(tx *Tx) error { return tallyKeysExistingRows(ctx, tx) }); err != nil {
		t.Fatal(err)
	}
	if diff := tallyDiff(tallyState(t, s), fresh); diff != "" {
		t.Errorf("the migration's keys differ from a fresh computation:\n%s", diff)
	}
}

// On PostgreSQL too the groupings over the whole period read their
// covering index only, in key order (Index Only Scan, GroupAggregate): no
// sort and no hash table of the groups. (For a short period the planner
// may rather read the received index and hash the few rows in it, as it
// did before the keys.)
func TestPostgresReportTallyPlans(t *testing.T) {
	s, _ := newPostgresStore(t)
	ctx := context.Background()
	fillDemo(t, s, 20000)
	for _, byMonth := range []bool{false, true} {
		for _, q := range tallyQueries(byMonth, intake.Date{}, intake.Date{}, s.eng.indexedBy) {
			rows, err := s.db.QueryContext(ctx, `EXPLAIN (COSTS OFF) `+q.query)
			if err != nil {
				t.Fatal(err)
			}
			var plan strings.Builder
			for rows.Next() {
				var line string
				if err := rows.Scan(&line); err != nil {
					t.Fatal(err)
				}
				plan.WriteString(line + "\n")
			}
			rows.Close()
			p := plan.String()
			if !strings.Contains(p, "Index Only Scan using referrals_report_") || !strings.Contains(p, "GroupAggregate") ||
				strings.Contains(p, "Sort") || strings.Contains(p, "HashAggregate") {
				t.Errorf("%s:\n%s", q.query, p)
			}
		}
	}
}
