package store

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"envei/intake"
)

// TestStressWorker is not a test of its own: it is the body of a worker
// process started by the stress and crash tests (see startWorker). Run
// directly it has nothing to do.
func TestStressWorker(t *testing.T) {
	role := os.Getenv(envRole)
	if role == "" {
		t.Skip("a worker process for the stress and crash tests; started by them")
	}
	id, _ := strconv.Atoi(os.Getenv(envID))
	ops, _ := strconv.Atoi(os.Getenv(envOps))
	ctx := context.Background()
	s, err := Open(ctx, os.Getenv(envDB), Options{Now: fixedNow})
	if err != nil {
		say("fail open: %v", err)
		os.Exit(3)
	}
	defer s.Close()
	w := &stressWorker{s: s, id: id, rng: rand.New(rand.NewPCG(uint64(id), uint64(os.Getpid())))}
	w.who = intake.Clinician{Username: workerName(id), Role: intake.RoleClinician}
	var run func(ctx context.Context, i int) error
	switch role {
	case "writer":
		run = w.write
	case "reader":
		run = w.read
	case "importer":
		run = w.importBatch
	case "crash":
		run = w.crashLoop
	default:
		say("fail unknown role %q", role)
		os.Exit(3)
	}
	for i := 0; ops == 0 || i < ops; i++ {
		err := run(ctx, i)
		if errors.Is(err, ErrCommitUnknown) || errors.Is(err, ErrInterrupted) {
			// A database server restarting under the write: the user is
			// told it may not be saved, and nothing is acknowledged.
			say("unknown %v", err)
			continue
		}
		if err != nil {
			// Any error but a conflict is one a user must never see here:
			// "database is locked" above all.
			say("fail %s op %d: %v", role, i, err)
			os.Exit(3)
		}
	}
}

// say writes one line to standard output in one write, unbuffered, so it is
// in the pipe before the next store call starts.
func say(format string, args ...any) {
	os.Stdout.WriteString(fmt.Sprintf(format, args...) + "\n")
}

func workerName(id int) string { return "w" + strconv.Itoa(id) }

type stressWorker struct {
	s   *Store
	id  int
	who intake.Clinician
	rng *rand.Rand
}

// write is one step of a clinician at a console: mostly rebooking a first
// conversation one minute later than the screen showed (a read-modify-write
// whose result depends on what was read), sometimes logging a session.
func (w *stressWorker) write(ctx context.Context, i int) error {
	if i%4 == 3 {
		return w.logSession(ctx, sessionRefs[w.rng.IntN(len(sessionRefs))], i)
	}
	return w.bumpCounter(ctx, counterRefs()[w.rng.IntN(len(counterRefs()))], true)
}

// bumpCounter reads a referral, waits a moment as a person would, and books
// its conversation one minute later, carrying the version it read. A lost
// update would make two acks carry the same counter value.
func (w *stressWorker) bumpCounter(ctx context.Context, ref string, think bool) error {
	d, err := w.s.ReferralDetail(ctx, reading(admin), ref)
	if err != nil {
		return err
	}
	n := decodeCounter(d.Row.Referral.FirstConversation, d.Details.ConversationTime) + 1
	if think {
		time.Sleep(time.Duration(w.rng.IntN(500)) * time.Microsecond)
	}
	day, clock := encodeCounter(n)
	_, err = w.s.Schedule(ctx, acting(w.who), ref, d.Version, day, clock, intake.ModeInPerson)
	switch {
	case errors.Is(err, ErrConflict):
		say("conflict")
		return nil
	case err != nil:
		return err
	}
	say("ack sched %s %d", ref, n)
	return nil
}

func (w *stressWorker) logSession(ctx context.Context, ref string, i int) error {
	sess := intake.Session{Date: sessionDay, Minutes: 1 + i%intake.MaxSessionMinutes, Mode: intake.SessionInPerson}
	if _, err := w.s.LogSession(ctx, acting(w.who), ref, sess); err != nil {
		return err
	}
	say("ack session %s %s", ref, w.who.Username)
	return nil
}

// read is a supervisor or a console screen reading while others write: the
// worklist, one referral in full, the report rows, the export.
func (w *stressWorker) read(ctx context.Context, i int) error {
	sup := intake.Clinician{Username: admin.Username, Role: intake.RoleAdmin}
	if _, err := w.s.Worklist(ctx, intake.WorklistQuery{Limit: 20}); err != nil {
		return err
	}
	if _, err := w.s.ReferralDetail(ctx, reading(admin), counterRefs()[i%len(counterRefs())]); err != nil {
		return err
	}
	if i%5 == 0 {
		if err := w.s.Export(ctx, sup, func(intake.ExportRow) error { return nil }); err != nil {
			return err
		}
	}
	return nil
}

// importBatch imports one file of importRows referrals with refs unique to
// this worker and batch.
func (w *stressWorker) importBatch(ctx context.Context, b int) error {
	n := importRows()
	prefix := importPrefix(w.id, b)
	say("begin import %s", prefix) // lets the crash test aim a kill inside it
	res, err := w.s.Import(ctx, admin, strings.NewReader(importCSVText(prefix, n)), nil)
	if err != nil {
		return err
	}
	if res.Rows != n {
		return fmt.Errorf("import reported %d rows of %d", res.Rows, n)
	}
	say("ack import %s %d", prefix, n)
	return nil
}

// crashLoop is what the crash test kills: imports, rebookings and sessions,
// back to back, each acknowledged as soon as it is saved.
func (w *stressWorker) crashLoop(ctx context.Context, i int) error {
	switch i % 3 {
	case 0:
		return w.importBatch(ctx, i)
	case 1:
		return w.bumpCounter(ctx, counterRefs()[0], false)
	}
	return w.logSession(ctx, sessionRefs[0], i)
}

// The fixture: referrals whose first conversation is a counter (minutes
// from counterBase), and referrals in treatment in the reception.
var (
	counterBase = intake.MustParseDate("2026-12-01")
	sessionDay  = intake.MustParseDate("2026-11-20")
	sessionRefs = []string{"T1", "T2"}
)

func counterRefs() []string {
	refs := make([]string, pick(3, 6))
	for i := range refs {
		refs[i] = "C" + strconv.Itoa(i+1)
	}
	return refs
}

func importRows() int { return pick(300, 1000) }

func encodeCounter(n int) (intake.Date, string) {
	m := n % 1440
	return counterBase.AddDays(n / 1440), fmt.Sprintf("%02d:%02d", m/60, m%60)
}

func decodeCounter(day intake.Date, clock string) int {
	h, m, _ := strings.Cut(clock, ":")
	hh, _ := strconv.Atoi(h)
	mm, _ := strconv.Atoi(m)
	return counterBase.DaysUntil(day)*1440 + hh*60 + mm
}

// importPrefix is fixed-width, so a batch is found again by substr(ref, 1, 10).
func importPrefix(id, batch int) string { return fmt.Sprintf("I%04dB%04d", id%10000, batch%10000) }

func importCSVText(prefix string, n int) string {
	var b strings.Builder
	b.WriteString("ref,received,channel,addressed_to\n")
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "%sR%05d,2026-11-02,gp,dps\n", prefix, i)
	}
	return b.String()
}
