package store

import (
	"errors"
	"strings"
	"testing"
)

// An error that quotes the DSN's password, given as user information or
// as the password parameter, reaches no one with the password in it.
func TestScrubHidesThePassword(t *testing.T) {
	for _, dsn := range []string{
		"postgres://envei:Secret-9x@db.example/envei",
		"postgres://envei@db.example/envei?password=Secret-9x&sslmode=require",
		"postgres://db.example/envei?sslmode=require&password=Secret%2D9x",
	} {
		err := scrub(errors.New(`failed to connect: password "Secret-9x" was refused`), dsn)
		if strings.Contains(err.Error(), "Secret-9x") {
			t.Errorf("%s: the error shows the password: %v", redactDSN(dsn), err)
		}
		if !strings.Contains(err.Error(), "failed to connect") {
			t.Errorf("%s: the error lost its words: %v", redactDSN(dsn), err)
		}
	}
}
