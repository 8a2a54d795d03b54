package tui

import (
	"bufio"
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"envei/intake"
	"envei/store"
)

// Several consoles, each its own process, work the same two referrals on
// one database file through the real screens: rebooking the first
// conversation one minute later than the screen showed, or recording that
// the patient did not come. Every change a console said was saved must be
// on file; two consoles that read the same booking must not both be told
// they saved (the second is told someone else changed it); and no console
// may ever show "database is locked". ENVEI_STRESS_LONG=1 runs it long.
func TestConsolesLoseNoUpdate(t *testing.T) {
	if testing.Short() {
		t.Skip("starts console processes")
	}
	consoles, steps := 3, 25
	if os.Getenv(envLong) == "1" {
		consoles, steps = 4, 400
	}
	path := consoleDB(t, consoles)
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	type proc struct {
		cmd    *exec.Cmd
		out    bytes.Buffer
		stderr bytes.Buffer
	}
	var procs []*proc
	for i := 0; i < consoles; i++ {
		p := &proc{cmd: exec.Command(exe, "-test.run=^TestConsoleWorker$", "-test.count=1")}
		p.cmd.Env = append(os.Environ(), envConsole+"="+strconv.Itoa(i), envDB+"="+path, envOps+"="+strconv.Itoa(steps))
		p.cmd.Stdout, p.cmd.Stderr = &p.out, &p.stderr
		if err := p.cmd.Start(); err != nil {
			t.Fatal(err)
		}
		procs = append(procs, p)
	}
	sched := map[string][]int{}
	dna := map[string]int{}
	conflicts, acked := 0, 0
	for i, p := range procs {
		if err := p.cmd.Wait(); err != nil {
			t.Errorf("console %d: %v\n%s\n%s", i, err, p.out.String(), p.stderr.String())
		}
		sc := bufio.NewScanner(&p.out)
		for sc.Scan() {
			f := strings.Fields(sc.Text())
			switch {
			case len(f) == 4 && f[0] == "ack" && f[1] == "sched":
				n, _ := strconv.Atoi(f[3])
				sched[f[2]] = append(sched[f[2]], n)
				acked++
			case len(f) == 3 && f[0] == "ack" && f[1] == "dna":
				dna[f[2]]++
				acked++
			case len(f) == 1 && f[0] == "conflict":
				conflicts++
			case len(f) > 0 && f[0] == "fail":
				t.Errorf("console %d: %s", i, sc.Text())
			}
		}
	}
	s, err := store.Open(context.Background(), path, store.Options{Now: testNow})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for _, ref := range consoleRefs() {
		checkConsoleRef(t, s, ref, sched[ref], dna[ref])
	}
	if acked == 0 {
		t.Error("no console saved anything: the test proved nothing")
	}
	t.Logf("%d consoles, %d steps each, %s: %d acknowledged changes, %d conflicts shown",
		consoles, steps, time.Since(start).Round(time.Millisecond), acked, conflicts)
}

// checkConsoleRef compares one referral with what the consoles were told.
// A booking reads counter n off the screen and saves n+1 with the version
// it read, so the acked values must be exactly 1, 2, …: a value acked
// twice is a lost update, a gap an acknowledged change not on file.
func checkConsoleRef(t *testing.T, s *store.Store, ref string, ns []int, dna int) {
	t.Helper()
	sort.Ints(ns)
	for i, n := range ns {
		if n != i+1 {
			t.Errorf("%s: acknowledged bookings %v are not 1, 2, …: lost updates", ref, ns)
			break
		}
	}
	d, err := s.ReferralDetail(context.Background(), rootReading, ref)
	if err != nil {
		t.Fatal(err)
	}
	if len(ns) > 0 && d.Details.ConversationTime != clockOf(ns[len(ns)-1]) {
		t.Errorf("%s: booked at %s on file, the last acknowledged booking was %s", ref, d.Details.ConversationTime, clockOf(ns[len(ns)-1]))
	}
	booked, missed := map[string]bool{}, 0
	for _, e := range d.Events {
		switch e.Kind {
		case "scheduled":
			booked[e.Detail] = true
		case "did_not_attend":
			missed++
		}
	}
	for _, n := range ns {
		if !booked["first conversation "+testToday.String()+" "+clockOf(n)+" in_person"] {
			t.Errorf("%s: acknowledged booking %s has no event", ref, clockOf(n))
		}
	}
	if missed != dna {
		t.Errorf("%s: %d did-not-attend records on file, %d acknowledged", ref, missed, dna)
	}
}

// consoleDB makes the shared database: the consoles' users on the roster
// and the referrals, each a patient who did not come to the first
// conversation and is to be booked again.
func consoleDB(t *testing.T, consoles int) string {
	t.Helper()
	ctx := context.Background()
	root := intake.Clinician{Username: "root", Name: "Rut Rot", Role: intake.RoleAdmin}
	path := filepath.Join(t.TempDir(), "shared.db")
	s, err := store.Open(ctx, path, store.Options{Create: true, Creator: root, Now: testNow})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for i := 0; i < consoles; i++ {
		c := intake.Clinician{Username: "k" + strconv.Itoa(i), Name: "Konsoll " + strconv.Itoa(i), Org: intake.OrgDPS, Role: intake.RoleClinician}
		if err := s.AddClinician(ctx, root, c); err != nil {
			t.Fatal(err)
		}
	}
	csv := "ref,received,channel,clinician,first_conversation,attended\n"
	for _, ref := range consoleRefs() {
		csv += ref + ",2026-11-02,self,k0,2026-11-20,no\n"
	}
	if _, err := s.Import(ctx, root, strings.NewReader(csv), nil); err != nil {
		t.Fatal(err)
	}
	return path
}
