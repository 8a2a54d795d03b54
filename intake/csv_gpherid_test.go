package intake

import (
	"strings"
	"testing"
)

// The GP's HER-id (the address of the e-message to the GP) is an optional
// column, gp_her_id: exported, imported back unchanged, and checked.
func TestGPHerIDRoundTrip(t *testing.T) {
	r := routedReferral()
	r.GPHerID = "112233"
	out := string(encodeCSV(t, []Referral{r}))
	if !strings.Contains(strings.SplitN(out, "\n", 2)[0], ",gp_her_id,") {
		t.Fatalf("no gp_her_id column in the header:\n%s", out)
	}
	back, _, rowErrs, err := decodeAll(t, out, testRules())
	if err != nil || rowErrs != nil || len(back) != 1 {
		t.Fatalf("%v %v %d", err, rowErrs, len(back))
	}
	if back[0].GPHerID != "112233" {
		t.Errorf("gp_her_id %q came back", back[0].GPHerID)
	}
	for _, bad := range []string{"0", "12ab", "-4", "1234567890"} {
		errs := ValidateReferral(Referral{Ref: "X", Received: MustParseDate("2024-03-01"), Channel: ChannelGP,
			AddressedTo: AddressedDPS, GPHerID: bad}, testRules())
		found := false
		for _, e := range errs {
			found = found || e.Column == ColGPHerID
			if strings.Contains(e.Reason, bad) {
				t.Errorf("error echoes the value: %v", e)
			}
		}
		if !found {
			t.Errorf("gp_her_id %q accepted", bad)
		}
	}
}
