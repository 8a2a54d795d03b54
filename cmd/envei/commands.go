package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"
	"text/tabwriter"

	"github.com/spf13/pflag"

	"envei/intake"
	"envei/store"
)

// runner runs a command once its flags are parsed; args are the positional
// arguments after the command name.
type runner func(ctx context.Context, a *app, args []string) error

// command is one subcommand. setup registers the command's flags on fs,
// bound to variables the returned runner closes over.
type command struct {
	name    string
	args    string // synopsis of the positional arguments, e.g. "REF"
	summary string
	long    string
	setup   func(fs *pflag.FlagSet) runner
}

// commands lists every subcommand in the order help shows them.
func commands() []command {
	return []command{
		initCommand(),
		clinicianCommand(),
		assignCommand(),
		importCommand(),
		exportCommand(),
		statsCommand(),
		funnelCommand(),
		noteCommand(),
		messageCommand(),
		receiptCommand(),
		receptionCommand(),
		serviceCommand(),
		consultCommand(),
		patientFindCommand(),
		referralCommand(),
		auditCommand(),
		demoCommand(),
		backupCommand(),
		copyCommand(),
		restoreCommand(),
		checkCommand(),
		statusCommand(),
		serveCommand(),
		versionCommand(),
	}
}

func findCommand(name string) (command, bool) {
	for _, c := range commands() {
		if c.name == name {
			return c, true
		}
	}
	return command{}, false
}

// globalFlags registers --db and --lang on fs; every command's flag set has
// them, so they work before or after the command name.
func (a *app) globalFlags(fs *pflag.FlagSet) {
	fs.Var(dbFlag{&a.global}, "db", "database `PATH` (default $ENVEI_DB, else $XDG_DATA_HOME/envei/envei.db); stats and funnel take several")
	fs.StringVar(&a.global.lang, "lang", a.global.lang, "language of the console: nb or en (default from LC_ALL/LANG)")
}

// splitCommand finds the command name among args. Only global flags may
// come before it; their values are skipped so "--db x.db stats" finds stats.
func splitCommand(args []string) (name string, rest []string) {
	for i := 0; i < len(args); i++ {
		arg := args[i]
		switch {
		case arg == "--":
			return "", args
		case arg == "--db" || arg == "--lang":
			i++ // the value follows
		case strings.HasPrefix(arg, "-"):
		default:
			rest = append(append(rest, args[:i]...), args[i+1:]...)
			return arg, rest
		}
	}
	return "", args
}

// run parses args and runs the command; it returns the exit code.
func (a *app) run(ctx context.Context, args []string) int {
	name, rest := splitCommand(args)
	if name == "help" {
		if len(rest) > 0 {
			if c, ok := findCommand(rest[0]); ok {
				a.commandHelp(a.stdout, c)
				return exitOK
			}
		}
		a.mainHelp(a.stdout)
		return exitOK
	}
	if name == "" {
		return a.runNoCommand(ctx, rest)
	}
	c, ok := findCommand(name)
	if !ok {
		// What was typed is not repeated: it may be a national id or a
		// name typed in the wrong place.
		fmt.Fprintf(a.stderr, "envei: unknown command\nRun 'envei --help' for the list of commands.\n")
		return exitUsage
	}
	fs := a.newFlagSet(c)
	run := c.setup(fs)
	if err := fs.Parse(rest); err != nil {
		if errors.Is(err, pflag.ErrHelp) {
			a.commandHelp(a.stdout, c)
			return exitOK
		}
		fmt.Fprintf(a.stderr, "envei %s: %s\nRun 'envei %s --help' for usage.\n", c.name, flagError(err), c.name)
		return exitUsage
	}
	if err := a.checkGlobal(c.name); err != nil {
		fmt.Fprintf(a.stderr, "envei: %v\n", err)
		return exitUsage
	}
	return a.report(c.name, run(ctx, a, fs.Args()))
}

// runNoCommand handles "envei" with only global flags: top-level help, or
// the console.
func (a *app) runNoCommand(ctx context.Context, args []string) int {
	fs := pflag.NewFlagSet("envei", pflag.ContinueOnError)
	fs.SetOutput(io.Discard)
	a.globalFlags(fs)
	version := fs.Bool("version", false, "print the version")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, pflag.ErrHelp) {
			a.mainHelp(a.stdout)
			return exitOK
		}
		fmt.Fprintf(a.stderr, "envei: %v\nRun 'envei --help' for usage.\n", err)
		return exitUsage
	}
	if *version {
		return a.report("version", printVersion(a))
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(a.stderr, "envei: unexpected argument %s\n", intake.EchoRef(fs.Arg(0)))
		return exitUsage
	}
	if err := a.checkGlobal(""); err != nil {
		fmt.Fprintf(a.stderr, "envei: %v\n", err)
		return exitUsage
	}
	return a.report("envei", a.console(ctx))
}

func (a *app) checkGlobal(command string) error {
	if err := a.global.checkDBs(command); err != nil {
		return err
	}
	switch a.global.lang {
	case "", "nb", "en":
		return nil
	}
	return usagef("--lang must be nb or en")
}

// report prints a command's error and turns it into an exit code.
func (a *app) report(name string, err error) int {
	if err == nil {
		return exitOK
	}
	// An error may carry a path or a stored string: it is neutralised like
	// any stored text before it reaches the terminal (line breaks stay, the
	// hints on a second line use them).
	if errors.Is(err, store.ErrCommitUnknown) {
		err = fmt.Errorf("%w\n  envei did not try again by itself: that could save the change twice", err)
	}
	msg := intake.SafeLines(err.Error())
	var ue usageError
	if errors.As(err, &ue) {
		fmt.Fprintf(a.stderr, "envei %s: %s\nRun 'envei %s --help' for usage.\n", name, msg, name)
		return exitUsage
	}
	fmt.Fprintf(a.stderr, "envei %s: %s\n", name, msg)
	return exitFail
}

// pflagInvalid matches pflag's message for a value a flag cannot take,
// which quotes the value (twice, with strconv's reason).
var pflagInvalid = regexp.MustCompile(`(?s)^invalid argument .* for "(-[^"]*)" flag: .*$`)

// flagError is pflag's error without the value typed: it may be a
// national id or a name given to the wrong flag.
func flagError(err error) string {
	msg := err.Error()
	if m := pflagInvalid.FindStringSubmatch(msg); m != nil {
		return "invalid value for " + m[1]
	}
	if strings.HasPrefix(msg, "bad flag syntax") {
		return "bad flag syntax"
	}
	return intake.SafeText(msg)
}

func (a *app) newFlagSet(c command) *pflag.FlagSet {
	fs := pflag.NewFlagSet("envei "+c.name, pflag.ContinueOnError)
	fs.SetOutput(io.Discard) // errors are printed once, by run
	fs.SortFlags = false
	a.globalFlags(fs)
	return fs
}

func (a *app) mainHelp(w io.Writer) {
	fmt.Fprint(w, `envei — the intake console of the "En vei inn" mental-health reception.

Usage:
  envei [--db PATH] [--lang nb|en]          open the console
  envei COMMAND [arguments] [flags]         run one command

Commands:
`)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, c := range commands() {
		fmt.Fprintf(tw, "  %s\t%s\n", c.name, c.summary)
	}
	tw.Flush()
	global := pflag.NewFlagSet("global", pflag.ContinueOnError)
	a.globalFlags(global)
	fmt.Fprintf(w, "\nGlobal flags (before or after the command):\n%s", global.FlagUsages())
	fmt.Fprint(w, "\nRun 'envei COMMAND --help' for the flags of one command.\n")
}

// commandHelp prints one command's help; its flags come from the same
// setup that parses them, so the help cannot drift from the code.
func (a *app) commandHelp(w io.Writer, c command) {
	fs := pflag.NewFlagSet(c.name, pflag.ContinueOnError)
	fs.SortFlags = false
	c.setup(fs)
	synopsis := "envei " + c.name
	if c.args != "" {
		synopsis += " " + c.args
	}
	fmt.Fprintf(w, "Usage: %s [flags]\n\n%s\n", synopsis, c.summary)
	if c.long != "" {
		fmt.Fprintf(w, "\n%s\n", strings.TrimSpace(c.long))
	}
	if u := fs.FlagUsages(); u != "" {
		fmt.Fprintf(w, "\nFlags:\n%s", u)
	}
	global := pflag.NewFlagSet("global", pflag.ContinueOnError)
	a.globalFlags(global)
	fmt.Fprintf(w, "\nGlobal flags:\n%s", global.FlagUsages())
}
