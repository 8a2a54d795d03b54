package main

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"envei/store"
)

// A write whose connection to the database server was lost at COMMIT
// (store.ErrCommitUnknown, TestPostgresConnectionLostAtCommit in the
// store) is reported as what it is: perhaps saved, perhaps not, look
// before making it again, and envei did not make it again itself. The
// words are the store's and the CLI's own: no name, id or ref, however the
// command wrapped the error.
func TestCommitUnknownIsReportedClearly(t *testing.T) {
	for _, err := range []error{store.ErrCommitUnknown, fmt.Errorf("saving the referral: %w", store.ErrCommitUnknown)} {
		var out bytes.Buffer
		a := &app{stderr: &out}
		if code := a.report("referral", err); code != exitFail {
			t.Errorf("exit %d, want %d", code, exitFail)
		}
		msg := out.String()
		for _, want := range []string{"envei referral: ", "lost while saving", "may or may not have been saved",
			"look whether it is there before making it again", "did not try again by itself"} {
			if !strings.Contains(msg, want) {
				t.Errorf("the message lacks %q:\n%s", want, msg)
			}
		}
	}
}
