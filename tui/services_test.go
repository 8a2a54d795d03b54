package tui

import (
	"context"
	"testing"

	"envei/intake"
)

// An admin sets a service's receiving unit in the services screen: the
// form refuses a HER-id that is not digits and an organisation number
// with a wrong control digit (without repeating either), then stores
// what is right; the table shows it.
func TestServicesScreenSetsTheReceivingUnit(t *testing.T) {
	s := testStore(t, 30)
	c := startConsole(t, testOptions(t, s, "root", LangEN), 100, 30)
	c.waitFor("record visit")
	c.key("tab")
	c.waitFor("kom.sindre")
	c.key("tab")
	c.waitFor("did_not_attend", "receiving unit")
	c.key("u") // on dps, the first row
	c.waitFor("Receiving unit of dps", "┃ Unit name")
	c.typeText("DPS poliklinikk")
	c.key("enter")
	c.waitFor("┃ HER-id")
	c.typeText("95x")
	c.key("enter")
	c.waitFor("A HER-id is a positive whole number, digits only.")
	c.key("backspace")
	c.typeText("678")
	c.key("enter")
	c.waitFor("┃ Organisation number")
	c.typeText("123456784")
	c.key("enter")
	c.waitFor("9 digits with a valid control digit")
	c.key("backspace")
	c.typeText("5")
	c.key("enter")
	c.waitFor("Receiving unit of dps saved.", "95678")
	c.quit()

	addrs, err := s.ServiceAddresses(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	want := intake.Address{Name: "DPS poliklinikk", HerID: "95678", OrgNumber: "123456785"}
	if addrs[0].Code != "dps" || addrs[0].Address != want {
		t.Errorf("stored %+v, want dps %+v", addrs[0], want)
	}
}
