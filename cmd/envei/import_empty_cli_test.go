package main

import (
	"strings"
	"testing"
)

// Issue 11 §5: a 1 GB line of commas imported as a blank row with exit 0
// ("Imported 0 referrals"). A file with no referral in it is an error. A
// modest line of commas stands in for the gigabyte.
func TestImportOfAFileWithoutReferralsFails(t *testing.T) {
	for name, in := range map[string]string{
		"a line of commas": "ref,received,channel\n" + strings.Repeat(",", 200_000) + "\n",
		"header only":      "ref,received,channel\n",
		"blank lines":      "ref,received,channel\n\n,,\n \n",
	} {
		h := newHarness(t)
		h.ok("init")
		h.stdin = in
		r := h.run("import", "-")
		if r.code != exitFail || !strings.Contains(r.stderr, "no referrals") || strings.Contains(r.stdout, "Imported") {
			t.Errorf("%s: exit %d\nstdout %q\nstderr %q; want exit 1 saying the file holds no referrals", name, r.code, r.stdout, r.stderr)
		}
	}
}
