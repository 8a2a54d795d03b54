package main

import (
	"errors"
	"os"
	"path/filepath"
)

// dbPath resolves the database: --db, else $ENVEI_DB, else
// $XDG_DATA_HOME/envei/envei.db (~/.local/share/envei/envei.db).
func (a *app) dbPath() (string, error) {
	if a.global.db != "" {
		return a.global.db, nil
	}
	if p := a.getenv("ENVEI_DB"); p != "" {
		return p, nil
	}
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
	return filepath.Join(data, "envei", "envei.db"), nil
}
