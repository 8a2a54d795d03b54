// Command envei is the intake console of the "En vei inn" mental-health
// reception: with no subcommand it opens the console; the subcommands do
// what a script, a supervisor or an admin does without one.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	privateUmask()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := newApp().run(ctx, os.Args[1:])
	stop()
	os.Exit(code)
}
