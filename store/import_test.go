package store

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"

	"envei/intake"
)

// One bad row anywhere — here a ref already in the database, found only at
// insert time — and nothing of the file is written.
func TestImportIsAllOrNothing(t *testing.T) {
	s := newStore(t, false)
	ctx := context.Background()
	importCSV(t, s, "ref,received,channel\nOLD,2026-11-02,self\n")
	var b strings.Builder
	b.WriteString("ref,received,channel\n")
	for i := 0; i < 1000; i++ {
		fmt.Fprintf(&b, "N%d,2026-11-02,self\n", i)
	}
	b.WriteString("OLD,2026-11-03,self\n")
	_, err := s.Import(ctx, admin, strings.NewReader(b.String()), nil)
	var rowErrs intake.RowErrors
	if !errors.As(err, &rowErrs) || len(rowErrs) != 1 || rowErrs[0].Line != 1002 || rowErrs[0].Column != "ref" {
		t.Fatalf("got %v", err)
	}
	if n, _ := s.CountReferrals(ctx); n != 1 {
		t.Errorf("%d referrals after a rejected import, want 1", n)
	}
	kari := intake.Clinician{Username: "kari", Role: intake.RoleClinician}
	if _, err := s.Import(ctx, kari, strings.NewReader("ref,received,channel\n"), nil); !errors.Is(err, ErrForbidden) {
		t.Errorf("clinician importing: %v", err)
	}
}

func TestImportedStateAndDeadline(t *testing.T) {
	s := newStore(t, false)
	ctx := context.Background()
	mustAdd(t, s, clinician("kari", intake.OrgDPS))
	importCSV(t, s, "ref,received,channel,addressed_to,clinician,first_conversation,attended,routed,outcomes\n"+
		"R1,2026-03-27,gp,dps,kari,2026-04-08,yes,2026-04-10,dps+municipal\n"+
		"R2,2026-03-27,gp,municipal,,,,,\n")
	r1, err := s.referral(ctx, "R1")
	if err != nil {
		t.Fatal(err)
	}
	// 10 working days after Friday 27 March 2026, skipping Maundy Thursday,
	// Good Friday and Easter Monday (2, 3 and 6 April): Wednesday 15 April.
	if r1.Referral.State() != intake.StateRouted || r1.Deadline.String() != "2026-04-15" || r1.ClinicianOrg != intake.OrgDPS {
		t.Errorf("R1: state %s deadline %s org %s", r1.Referral.State(), r1.Deadline, r1.ClinicianOrg)
	}
	if got := strings.Join(r1.Referral.Outcomes, "+"); got != "dps+municipal" {
		t.Errorf("outcomes %s", got)
	}
	r2, _ := s.referral(ctx, "R2")
	if !r2.Deadline.IsZero() || r2.Referral.State() != intake.StateRegistered {
		t.Errorf("R2: deadline %s state %s", r2.Deadline, r2.Referral.State())
	}
	counts, _ := s.CountByState(ctx)
	if counts[intake.StateRouted] != 1 || counts[intake.StateRegistered] != 1 {
		t.Errorf("counts %v", counts)
	}
}

// Two processes' worth of handles writing at once never surface
// "database is locked": BEGIN IMMEDIATE waits, and is retried.
func TestConcurrentWritersNeverBusy(t *testing.T) {
	path := testDatabase(t)
	ctx := context.Background()
	var stores []*Store
	for i := 0; i < 4; i++ {
		s, err := Open(ctx, path, Options{Create: true, Creator: admin, Now: fixedNow})
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		stores = append(stores, s)
	}
	mustAdd(t, stores[0], clinician("kari", intake.OrgDPS), clinician("ola", intake.OrgMunicipal))
	var wg sync.WaitGroup
	errs := make(chan error, 400)
	for i, s := range stores {
		wg.Add(1)
		go func(i int, s *Store) {
			defer wg.Done()
			for j := 0; j < 50; j++ {
				ref := fmt.Sprintf("W%d-%d", i, j)
				if _, err := s.Import(ctx, admin, strings.NewReader("ref,received,channel\n"+ref+",2026-11-02,self\n"), nil); err != nil {
					errs <- err
					continue
				}
				if _, err := s.Assign(ctx, admin, ref, newSeeded(uint64(j))); err != nil {
					errs <- err
				}
			}
		}(i, s)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	counts, _ := stores[0].CountByState(ctx)
	if counts[intake.StateAssigned] != 200 {
		t.Errorf("assigned %d, want 200", counts[intake.StateAssigned])
	}
}
