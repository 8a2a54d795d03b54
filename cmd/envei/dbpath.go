package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"envei/store"
)

// dbLocation is where the database is and how the user said so.
type dbLocation struct {
	path string
	// explicit is set when the path came from --db or $ENVEI_DB: a missing
	// file there is a mistake to report (a typo, the wrong machine), never
	// a place to make a new database unasked.
	explicit bool
}

// urlScheme matches "scheme://" at the start of a --db value.
var urlScheme = regexp.MustCompile(`^([A-Za-z][A-Za-z0-9+.-]*)://`)

// dbPath resolves the database: --db, else $ENVEI_DB, else
// $XDG_DATA_HOME/envei/envei.db (~/.local/share/envei/envei.db).
func (a *app) dbPath() (dbLocation, error) {
	for _, p := range []string{a.global.db, a.getenv("ENVEI_DB")} {
		if p == "" {
			continue
		}
		if err := notAURL(p); err != nil {
			return dbLocation{}, err
		}
		return dbLocation{path: p, explicit: true}, nil
	}
	dir, err := a.dataDir()
	if err != nil {
		return dbLocation{}, err
	}
	return dbLocation{path: filepath.Join(dir, "envei.db")}, nil
}

// dataDir is envei's own folder: $XDG_DATA_HOME/envei
// (~/.local/share/envei), where the default database lives.
func (a *app) dataDir() (string, error) {
	data := a.getenv("XDG_DATA_HOME")
	if data == "" {
		home := a.getenv("HOME")
		if home == "" {
			var err error
			if home, err = os.UserHomeDir(); err != nil {
				return "", errors.New("cannot find a home folder for the database; pass --db PATH or set ENVEI_DB")
			}
		}
		data = filepath.Join(home, ".local", "share")
	}
	return filepath.Join(data, "envei"), nil
}

// besideDB is the folder for the files that go with the database (the
// outbox, the server's host key): the database file's folder, or for a
// database on a PostgreSQL server envei's own folder on this machine.
func (a *app) besideDB(s *store.Store) (string, error) {
	if store.IsServer(s.Path()) {
		dir, err := a.dataDir()
		if err != nil {
			return "", err
		}
		return dir, os.MkdirAll(dir, 0o700)
	}
	return filepath.Dir(s.Path()), nil
}

// notAURL refuses a database given as a URL other than a PostgreSQL
// server's (postgres:// or postgresql://). Taken for a file name, one
// would make a folder named after the scheme ("postgres:") and a new empty
// database under it. Only the scheme is repeated: the rest may hold a
// password.
func notAURL(p string) error {
	m := urlScheme.FindStringSubmatch(p)
	if m == nil {
		return nil
	}
	scheme := strings.ToLower(m[1])
	if scheme == "postgres" || scheme == "postgresql" {
		return nil // a PostgreSQL server: store.Open takes it as it is
	}
	return fmt.Errorf("--db %s://… is a URL, not a file\n  pass --db with the path of an envei database file, or a postgres:// address", scheme)
}

// createHint is the command that makes a database where loc points.
func (loc dbLocation) createHint() string {
	if loc.explicit {
		return "envei --db " + store.DisplayName(loc.path) + " init"
	}
	return "envei init"
}
