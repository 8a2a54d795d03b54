package main

import (
	"fmt"
	"strings"
)

// progressBar draws "label [#####     ] 50%" on standard error when it is a
// terminal, and nothing otherwise (scripts and logs get no carriage
// returns). total 0 means unknown: it shows a running count.
type progressBar struct {
	a     *app
	label string
	total int
	shown bool
}

func (a *app) progressBar(label string, total int) *progressBar {
	return &progressBar{a: a, label: label, total: total}
}

func (p *progressBar) update(done int) {
	if !p.a.isTerminal(p.a.stderr) {
		return
	}
	p.shown = true
	if p.total <= 0 {
		fmt.Fprintf(p.a.stderr, "\r%s: %d rows", p.label, done)
		return
	}
	const width = 30
	filled := width * done / p.total
	fmt.Fprintf(p.a.stderr, "\r%s [%s%s] %3d%%", p.label,
		strings.Repeat("#", filled), strings.Repeat(" ", width-filled), 100*done/p.total)
}

// done ends the line the bar was drawn on.
func (p *progressBar) done() {
	if p.shown {
		fmt.Fprintln(p.a.stderr)
	}
}
