package store

import (
	"context"
	"errors"
	"strings"
	"testing"
)

// Issue 11 §5: a file without a referral is not an import, whichever way
// it comes in; nothing is logged or written.
func TestImportWithoutReferralsIsRefused(t *testing.T) {
	s := newStore(t, true)
	for _, in := range []string{
		"ref,received,channel\n",
		"ref,received,channel\n" + strings.Repeat(",", 100_000) + "\n\n",
	} {
		res, err := s.Import(context.Background(), admin, strings.NewReader(in), nil)
		if !errors.Is(err, ErrNoReferrals) || res.Rows != 0 {
			t.Errorf("import of %d bytes without referrals: %+v, %v; want ErrNoReferrals", len(in), res, err)
		}
	}
	var n int
	if err := s.db.QueryRow(`SELECT count(*) FROM access_log`).Scan(&n); err != nil || n != 0 {
		t.Errorf("access-log rows after refused imports: %d (%v)", n, err)
	}
}
