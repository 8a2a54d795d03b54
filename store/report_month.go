package store

import (
	"fmt"

	"envei/intake"
)

// monthCache turns a stored month (YYYY-MM) into its first day, once for
// the run of groups of the same month.
type monthCache struct {
	last []byte
	day  intake.Date
}

func (c *monthCache) of(sc *reportScanner, month []byte) (intake.Date, error) {
	if len(month) == 0 {
		return intake.Date{}, nil
	}
	if c.last != nil && string(c.last) == string(month) {
		return c.day, nil
	}
	d, err := sc.date(append(append([]byte(nil), month...), "-01"...))
	if err != nil {
		return d, fmt.Errorf("referral tally: damaged month")
	}
	c.last, c.day = append(c.last[:0], month...), d
	return d, nil
}
