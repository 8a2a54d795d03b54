package store

import "database/sql"

// SQLiteVersion returns the version of the SQLite library compiled into
// envei, asked of an in-memory database so no file is touched.
func SQLiteVersion() (string, error) {
	db, err := sql.Open("sqlite", ":memory:")
	if err != nil {
		return "", err
	}
	defer db.Close()
	var v string
	err = db.QueryRow(`SELECT sqlite_version()`).Scan(&v)
	return v, err
}
