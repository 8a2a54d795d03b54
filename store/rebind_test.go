package store

import "testing"

func TestRebindDollar(t *testing.T) {
	cases := []struct{ in, want string }{
		{`SELECT 1`, `SELECT 1`},
		{`SELECT a FROM t WHERE b = ? AND c = ?`, `SELECT a FROM t WHERE b = $1 AND c = $2`},
		{`SELECT max(at) FILTER (WHERE what = ?3) FROM t WHERE a = ?1 AND b = ?2`, `SELECT max(at) FILTER (WHERE what = $3) FROM t WHERE a = $1 AND b = $2`},
		// SQLite numbers a bare ? after the largest number so far.
		{`VALUES (?, ?3, ?)`, `VALUES ($1, $3, $4)`},
		{`SELECT '?' || ? FROM t WHERE x = 'it''s ?'`, `SELECT '?' || $1 FROM t WHERE x = 'it''s ?'`},
		{`SELECT "odd?name" FROM t WHERE a = ?`, `SELECT "odd?name" FROM t WHERE a = $1`},
		{"SELECT a -- why? because\nFROM t WHERE a = ?", "SELECT a -- why? because\nFROM t WHERE a = $1"},
		{`SELECT /* a ? here */ a FROM t WHERE a = ?`, `SELECT /* a ? here */ a FROM t WHERE a = $1`},
		{`SELECT 'unterminated ?`, `SELECT 'unterminated ?`},
		{`SELECT a FROM t WHERE a = ?12`, `SELECT a FROM t WHERE a = $12`},
	}
	for _, c := range cases {
		if got := rebindDollar(c.in); got != c.want {
			t.Errorf("rebindDollar(%q)\n got %q\nwant %q", c.in, got, c.want)
		}
	}
}

func TestRebinderCachesPerStore(t *testing.T) {
	var a, b rebinder
	q := `SELECT ? FROM t`
	if got := a.rebind(q); got != `SELECT $1 FROM t` {
		t.Fatalf("got %q", got)
	}
	if _, ok := b.cache.Load(q); ok {
		t.Fatal("a second store's cache holds the first one's statement")
	}
	if got := a.rebind(q); got != `SELECT $1 FROM t` {
		t.Fatalf("cached: got %q", got)
	}
}
