package intake

import (
	"errors"
	"strings"
	"testing"
)

func TestNormaliseOrgNumber(t *testing.T) {
	// 974760673 is Brønnøysundregistrene's own number; 123456785 a
	// computed one. Both have the right control digit.
	for _, ok := range []string{"974760673", "974 760 673", "123456785"} {
		got, err := NormaliseOrgNumber(ok)
		if err != nil || got != strings.ReplaceAll(ok, " ", "") {
			t.Errorf("NormaliseOrgNumber(%q) = %q, %v", ok, got, err)
		}
	}
	for _, bad := range []string{"", "974760674", "97476067", "9747606730", "97476067x", "１２３４５６７８５"} {
		if _, err := NormaliseOrgNumber(bad); !errors.Is(err, ErrOrgNumber) {
			t.Errorf("NormaliseOrgNumber(%q) = %v, want ErrOrgNumber", bad, err)
		}
	}
}

func TestNormaliseHerID(t *testing.T) {
	if got, err := NormaliseHerID(" 0081234 "); err != nil || got != "81234" {
		t.Errorf("NormaliseHerID = %q, %v", got, err)
	}
	for _, bad := range []string{"", "0", "000", "-5", "12a", "1234567890", "1.5"} {
		_, err := NormaliseHerID(bad)
		if !errors.Is(err, ErrHerID) {
			t.Errorf("NormaliseHerID(%q) = %v, want ErrHerID", bad, err)
		}
		if bad != "" && strings.Contains(err.Error(), bad) {
			t.Errorf("error echoes the value: %v", err)
		}
	}
}
