package main

import (
	"context"
	"fmt"
)

// console opens the reception console. Until the console lands it shows
// the status, the closest useful thing.
func (a *app) console(ctx context.Context) error {
	s, err := a.open(ctx, openOptions{create: true})
	if err != nil {
		return err
	}
	defer s.Close()
	if err := printStatus(ctx, a, s); err != nil {
		return err
	}
	fmt.Fprintln(a.stdout, "\nRun 'envei --help' for the commands.")
	return nil
}
