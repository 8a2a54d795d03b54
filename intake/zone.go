package intake

import (
	"time"
	_ "time/tzdata" // Europe/Oslo must resolve on hosts without a zone database
)

// Oslo is the zone the reception works in: times are shown in it and "today"
// is counted in it.
var Oslo = mustLoad("Europe/Oslo")

func mustLoad(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}
