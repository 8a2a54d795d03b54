package store

import (
	"context"
	"errors"
	"strings"
	"testing"

	"envei/intake"
)

func TestRosterLifecycle(t *testing.T) {
	s := newStore(t, false)
	ctx := context.Background()
	mustAdd(t, s, clinician("kari", intake.OrgDPS), clinician("ola", intake.OrgMunicipal))

	if err := s.AddClinician(ctx, admin, clinician("kari", intake.OrgDPS)); !errors.Is(err, ErrDuplicate) {
		t.Errorf("adding kari twice: %v", err)
	}
	noOrg := clinician("per", intake.OrgNone)
	if err := s.AddClinician(ctx, admin, noOrg); err == nil || !strings.Contains(err.Error(), "--org") {
		t.Errorf("clinician without org: %v", err)
	}
	kari, _ := s.Actor(ctx, "kari")
	if err := s.AddClinician(ctx, kari, clinician("x", intake.OrgDPS)); !errors.Is(err, ErrForbidden) {
		t.Errorf("clinician changing the roster: %v", err)
	}

	if err := s.SetLeave(ctx, admin, "kari", true); err != nil {
		t.Fatal(err)
	}
	if c, _ := s.Actor(ctx, "kari"); !c.OnLeave || c.Drawable() {
		t.Errorf("kari on leave: %+v", c)
	}
	if err := s.SetLeave(ctx, admin, "nobody", true); !errors.Is(err, ErrNotFound) {
		t.Errorf("leave for unknown: %v", err)
	}
	if err := s.SetLeave(ctx, admin, "kari", false); err != nil {
		t.Fatal(err)
	}

	if err := s.RemoveClinician(ctx, admin, "ola"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Actor(ctx, "ola"); !errors.Is(err, ErrNotOnRoster) {
		t.Errorf("removed ola still acts: %v", err)
	}
	// A removed username can come back.
	mustAdd(t, s, clinician("ola", intake.OrgDPS))
	if c, _ := s.Actor(ctx, "ola"); c.Org != intake.OrgDPS {
		t.Errorf("ola back with %+v", c)
	}
}

func TestLastAdminStays(t *testing.T) {
	s := newStore(t, false)
	ctx := context.Background()
	if err := s.RemoveClinician(ctx, admin, "root"); err == nil {
		t.Error("removed the last admin")
	}
	demoted := admin
	demoted.Role, demoted.Org = intake.RoleSupervisor, intake.OrgDPS
	if err := s.UpdateClinician(ctx, admin, demoted); err == nil {
		t.Error("demoted the last admin")
	}
	second := clinician("boss", intake.OrgDPS)
	second.Role = intake.RoleAdmin
	mustAdd(t, s, second)
	if err := s.UpdateClinician(ctx, admin, demoted); err != nil {
		t.Errorf("demoting one of two admins: %v", err)
	}
}

func TestRemoveRefusedWithOpenReferrals(t *testing.T) {
	s := newStore(t, true)
	ctx := context.Background()
	mustAdd(t, s, clinician("kari", intake.OrgDPS))
	importCSV(t, s, "ref,received,channel\nR1,2026-11-02,self\n")
	if _, err := s.Assign(ctx, admin, "R1", newSeeded(1)); err != nil {
		t.Fatal(err)
	}
	if err := s.RemoveClinician(ctx, admin, "kari"); err == nil || !strings.Contains(err.Error(), "open referrals") {
		t.Errorf("removing kari with an open referral: %v", err)
	}
}
