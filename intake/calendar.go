package intake

// Calendar counts working days. Placeholder signature; a helper fills it in.
type Calendar struct {
	// CountSaturday makes Saturday a working day (a setting, default off).
	CountSaturday bool
}

// AddWorkingDays returns the n-th working day after d (d itself not counted).
func (c Calendar) AddWorkingDays(d Date, n int) Date {
	panic("not implemented")
}
