package store

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"envei/intake"
	"envei/internal/fuzzcheck"
)

// Fuzz targets for what reaches the store from outside: a CSV file given to
// import and a file given as --db. Their corpus is testdata/fuzz/store/<target>
// at the top of the repository (store/testdata/fuzz links there); plain go
// test replays it.

// storeVocab is the source text error messages of an import are made of.
var storeVocab = sync.OnceValue(func() string { return fuzzcheck.Vocabulary(".", "../intake") })

// fuzzTemplate makes, once per process, a closed test database with two
// clinicians and one referral, and returns its bytes. Every fuzz input gets
// a fresh copy, so an import that lands cannot change what the next input
// runs against.
var fuzzTemplate = sync.OnceValues(func() ([]byte, error) {
	dir, err := os.MkdirTemp("", "envei-fuzz-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "envei.db")
	ctx := context.Background()
	s, err := Open(ctx, path, Options{Create: true, Test: true, Creator: admin, Now: fixedNow})
	if err != nil {
		return nil, err
	}
	for _, c := range []intake.Clinician{clinician("kari", intake.OrgDPS), clinician("ola", intake.OrgMunicipal)} {
		if err := s.AddClinician(ctx, admin, c); err != nil {
			s.Close()
			return nil, err
		}
	}
	if _, err := s.Import(ctx, admin, strings.NewReader("ref,received,channel\nOLD,2026-11-02,self\n"), nil); err != nil {
		s.Close()
		return nil, err
	}
	if err := s.Close(); err != nil {
		return nil, err
	}
	return os.ReadFile(path)
})

// openCopy writes the template to a new file and opens it.
func openCopy(t *testing.T) *Store {
	t.Helper()
	raw, err := fuzzTemplate()
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "envei.db")
	if err := os.WriteFile(path, raw, 0o600); err != nil {
		t.Fatal(err)
	}
	s, err := Open(context.Background(), path, Options{Now: fixedNow})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// contentDigest hashes every row of every table, so that a rejected import
// can be shown to have written nothing at all, not merely no referral.
func contentDigest(t *testing.T, s *Store) [32]byte {
	t.Helper()
	ctx := context.Background()
	tables, err := stringColumn(ctx, s.db, `SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`)
	if err != nil {
		t.Fatal(err)
	}
	h := sha256.New()
	for _, table := range tables {
		// Some tables are WITHOUT ROWID: sort the rows here instead.
		rows, err := s.db.QueryContext(ctx, `SELECT * FROM "`+table+`"`)
		if err != nil {
			t.Fatal(err)
		}
		cols, _ := rows.Columns()
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		var lines []string
		for rows.Next() {
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			lines = append(lines, fmt.Sprintf("%q", vals))
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
		rows.Close()
		slices.Sort(lines)
		fmt.Fprintf(h, "%s\n%s\n", table, strings.Join(lines, "\n"))
	}
	var sum [32]byte
	copy(sum[:], h.Sum(nil))
	return sum
}

// expectedImport decodes data with the rules the store would use and says
// how many referrals it holds and whether the decoder refuses any of it.
func expectedImport(t *testing.T, s *Store, data []byte) (rows int, refused bool) {
	t.Helper()
	ctx := context.Background()
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	rules, err := s.importRules(ctx, tx)
	if err != nil {
		t.Fatal(err)
	}
	d, err := intake.NewDecoder(bytes.NewReader(data), rules)
	if err != nil {
		return 0, true
	}
	for {
		_, _, err := d.Next()
		if errors.Is(err, io.EOF) {
			return rows, refused
		}
		var re intake.RowErrors
		switch {
		case errors.As(err, &re):
			refused = true
		case err != nil:
			t.Fatalf("decoding from memory: %v", err)
		default:
			rows++
		}
	}
}

// FuzzImport imports fuzzed CSV into a copy of a small database. Either
// every record lands or nothing changes at all, and an error never repeats
// a value from the file.
func FuzzImport(f *testing.F) {
	sqliteOnly(f, "each input runs on a fresh copy of a SQLite file")
	f.Add([]byte("ref,received,channel\nA,2026-11-02,self\nB,2026-11-03,self\n"))
	f.Add([]byte("ref,received,channel\nA,2026-11-02,self\nOLD,2026-11-03,self\n"))
	f.Add([]byte("ref,received,channel,addressed_to,clinician,first_conversation,attended,routed,outcomes\n" +
		"R1,2026-03-27,gp,dps,kari,2026-04-08,yes,2026-04-10,dps+municipal\n" +
		"R2,2026-03-27,gp,municipal,,,,,\n"))
	f.Add([]byte("ref;received;channel;national_id;name\r\nS1;2026-11-02;self;01857010015;\"Nordmann; Kari\"\r\n"))
	f.Add([]byte("ref,received,channel,name\nA,2026-11-02,self,\"unclosed\nB,2026-11-02,self,x\n"))
	f.Add([]byte("ref,received,channel,name\nA,2026-11-02,self,\"" + strings.Repeat("x", intake.MaxFieldBytes+1) + "\"\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		s := openCopy(t)
		ctx := context.Background()
		wantRows, refused := expectedImport(t, s, data)
		before := contentDigest(t, s)
		countBefore, err := s.CountReferrals(ctx)
		if err != nil {
			t.Fatal(err)
		}
		res, err := s.Import(ctx, admin, bytes.NewReader(data), nil)
		if err != nil {
			if leak := fuzzcheck.Leak(err.Error(), data, storeVocab()); leak != "" {
				t.Fatalf("error %q repeats %q from the file", err, leak)
			}
			if after := contentDigest(t, s); after != before {
				t.Fatalf("a refused import (%v) changed the database", err)
			}
			var re intake.RowErrors
			if !errors.As(err, &re) {
				t.Fatalf("import failed with %v, not with row errors", err)
			}
			if !refused {
				// The decoder took every row, so only the database may
				// object, and only to a ref it already has.
				for _, e := range re {
					if e.Column != "ref" || e.Reason != "is already in the database" {
						t.Fatalf("the decoder accepts the file, yet the import refused it: %v", err)
					}
				}
			}
			return
		}
		if refused {
			t.Fatalf("imported %d rows of a file the decoder refuses", res.Rows)
		}
		countAfter, err := s.CountReferrals(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if res.Rows != wantRows || countAfter != countBefore+wantRows {
			t.Fatalf("imported %d rows, %d → %d referrals; the file has %d", res.Rows, countBefore, countAfter, wantRows)
		}
	})
}

// Kinds of FuzzOpen input.
const (
	openRaw    = iota // the bytes as they are
	openPrefix        // the first n bytes of a real database
	openPatch         // a real database with the bytes written at offset n
	openKinds
)

// FuzzOpen gives Open a file of random bytes, a prefix of a real database
// or a real database with some bytes overwritten. Open must not panic; a
// file it refuses must be left byte for byte as it was, with nothing
// created beside it; a store it opens must answer (an error from a damaged
// page is an answer).
func FuzzOpen(f *testing.F) {
	sqliteOnly(f, "the inputs are files given as --db")
	f.Add(uint8(openRaw), uint32(0), []byte{})
	f.Add(uint8(openRaw), uint32(0), []byte("SQLite format 3\x00"))
	f.Add(uint8(openRaw), uint32(0), []byte("hello, this is not a database at all\n"))
	f.Add(uint8(openPrefix), uint32(100), []byte{})
	f.Add(uint8(openPrefix), uint32(4096), []byte{})
	f.Add(uint8(openPatch), uint32(18), []byte{1, 1}) // rollback journal instead of WAL
	f.Add(uint8(openPatch), uint32(60), []byte{0, 0, 0, 1})
	f.Add(uint8(openPatch), uint32(68), []byte("enVJ"))
	f.Add(uint8(openPatch), uint32(4096), bytes.Repeat([]byte{0xff}, 64))
	// Both at once: a rollback-journal header and a damaged second page.
	if real, err := fuzzTemplate(); err == nil && len(real) > 4096+64 {
		patch := bytes.Clone(real[18 : 4096+64])
		patch[0], patch[1] = 1, 1
		copy(patch[4096-18:], bytes.Repeat([]byte{0xff}, 64))
		f.Add(uint8(openPatch), uint32(18), patch)
	}
	f.Fuzz(func(t *testing.T, kind uint8, n uint32, patch []byte) {
		real, err := fuzzTemplate()
		if err != nil {
			t.Fatal(err)
		}
		var content []byte
		switch kind % openKinds {
		case openRaw:
			content = patch
		case openPrefix:
			content = real[:int(n)%(len(real)+1)]
		case openPatch:
			content = bytes.Clone(real)
			off := int(n) % len(content)
			copy(content[off:], patch)
		}
		dir := t.TempDir()
		path := filepath.Join(dir, "envei.db")
		if err := os.WriteFile(path, content, 0o600); err != nil {
			t.Fatal(err)
		}
		ctx := context.Background()
		s, err := Open(ctx, path, Options{Create: true, Creator: admin, Now: fixedNow})
		if err != nil {
			after, rerr := os.ReadFile(path)
			if rerr != nil || !bytes.Equal(after, content) {
				t.Fatalf("refused (%v), and the file changed", err)
			}
			entries, _ := os.ReadDir(dir)
			if len(entries) != 1 {
				var names []string
				for _, e := range entries {
					names = append(names, e.Name())
				}
				t.Fatalf("refused (%v), and left %v", err, names)
			}
			return
		}
		defer s.Close()
		// Damage inside a table is found when the page is read; the store
		// answers with an error then, never a panic.
		s.CountReferrals(ctx)
		s.Actor(ctx, "root")
	})
}
