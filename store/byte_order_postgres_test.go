package store

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/url"
	"slices"
	"strings"
	"testing"

	"envei/intake"
)

// On a database created with a Norwegian locale (ICU nb-NO), envei sorts
// refs and usernames byte by byte, as on SQLite: the export, the roster
// and the draw's order are the same on either engine.
func TestPostgresSortsIdentifiersAsSQLite(t *testing.T) {
	adminDSN := postgresOnly(t)
	server := serverAdmin(t)
	ctx := context.Background()
	b := make([]byte, 6)
	if _, err := rand.Read(b); err != nil {
		t.Fatal(err)
	}
	name := "envei_t_icu_" + hex.EncodeToString(b)
	if _, err := server.ExecContext(ctx, `CREATE DATABASE `+name+` LOCALE_PROVIDER icu ICU_LOCALE 'nb-NO' LOCALE 'C.UTF-8' TEMPLATE template0`); err != nil {
		if strings.Contains(err.Error(), "ICU") {
			t.Skipf("this PostgreSQL has no ICU: %v", err)
		}
		t.Fatal(err)
	}
	t.Cleanup(func() { server.ExecContext(context.Background(), `DROP DATABASE `+name+` WITH (FORCE)`) })
	u, err := url.Parse(adminDSN)
	if err != nil {
		t.Fatal(err)
	}
	u.Path = "/" + name
	s, err := Open(ctx, u.String(), Options{Create: true, Test: true, Creator: admin, Now: fixedNow})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()

	importCSV(t, s, "ref,received,channel\na10,2026-11-02,self\nB2,2026-11-02,self\nb1,2026-11-02,self\nZ9,2026-11-02,self\n")
	var refs []string
	if err := s.Export(ctx, admin, func(r intake.ExportRow) error {
		refs = append(refs, r.Referral.Ref)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if want := []string{"B2", "Z9", "a10", "b1"}; !slices.Equal(refs, want) {
		t.Errorf("export order %q, want SQLite's %q", refs, want)
	}

	mustAdd(t, s, clinician("a_x", intake.OrgDPS), clinician("a-x", intake.OrgMunicipal), clinician("a.x", intake.OrgDPS))
	roster, err := s.Roster(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, c := range roster {
		names = append(names, c.Username)
	}
	if !slices.IsSorted(names) {
		t.Errorf("roster order %q, want byte order", names)
	}
}
