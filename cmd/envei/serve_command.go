package main

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/ssh"
	"github.com/charmbracelet/wish"
)

// commandMiddleware runs the command of a session without a terminal
// (ssh HOST stats --format csv) as the key's roster person, with the
// session's standard input, output and error, and passes the exit status
// back. A session with a terminal goes on to the console.
func (sv *server) commandMiddleware(next ssh.Handler) ssh.Handler {
	return func(s ssh.Session) {
		if _, _, isPty := s.Pty(); isPty {
			next(s)
			return
		}
		l := sv.sessions.get(s)
		if l == nil {
			wish.Fatalln(s, "envei: no identity for this session")
			return
		}
		_ = s.Exit(sv.runRemote(l, s))
	}
}

// runRemote runs one envei command line for a served session and returns
// its exit code. The command runs with the same flag sets as the local
// command line, against the database the server owns; --db and --out,
// and any path to a file, are refused: the server's disk is not the
// user's.
func (sv *server) runRemote(l *liveSession, s ssh.Session) int {
	args := s.Command()
	stderr := s.Stderr()
	if len(args) == 0 {
		fmt.Fprintln(stderr, "envei: give a command (ssh … stats), or ask for a terminal (ssh -t …) to get the console")
		return exitUsage
	}
	for _, arg := range args {
		if arg == "--" {
			break
		}
		if arg == "--db" || arg == "--out" || strings.HasPrefix(arg, "--db=") || strings.HasPrefix(arg, "--out=") {
			fmt.Fprintln(stderr, "envei: --db and --out are not taken over SSH: the server's disk is not yours; output goes to standard output (ssh … > file)")
			return exitUsage
		}
	}
	name, _ := splitCommand(args)
	if why := notServed(name); why != "" {
		fmt.Fprintf(stderr, "envei %s: %s\n", name, why)
		return exitUsage
	}
	// Only a known command's name is logged: what stands in its place may
	// be a national id or a name typed in the wrong place.
	logged := "(unknown)"
	if _, ok := findCommand(name); ok || name == "help" || name == "" {
		logged = name
	}
	sv.log.Info("command", "user", l.who.Username, "key", l.key, "command", logged)
	env := clientEnv(s.Environ())
	db := sv.db
	if db == "" {
		db = sv.store.Path()
	}
	a := &app{
		stdin:      s,
		stdout:     s,
		stderr:     stderr,
		getenv:     env,
		username:   func() (string, string, error) { return l.who.Username, l.who.Name, nil },
		now:        sv.app.now,
		random:     sv.app.random,
		isTerminal: func(any) bool { return false },
		remote:     true,
		global:     globalOptions{db: db},
	}
	code := a.run(l.ctx, args)
	if code == 0 && !readOnlyCommand(name) {
		// The consoles reload at once rather than on their next poll.
		sv.hub.Publish()
	}
	return code
}

// readOnlyCommand says a command never changes what a console shows. Every other
// command that succeeds tells the consoles, even when it changed nothing
// (clinician list): a needless reload costs a query, a missed one leaves a
// stale worklist on someone's screen for a poll.
func readOnlyCommand(name string) bool {
	switch name {
	case "", "help", "version", "status", "check", "stats", "funnel", "export", "note", "audit", "find":
		return true
	}
	return false
}

// notServed says why a command is not run over SSH, or "" when it is.
func notServed(name string) string {
	switch name {
	case "init", "demo", "serve", "backup", "restore", "copy":
		return "runs on the server only, by its administrator, not over SSH"
	}
	return ""
}

// clientEnv is the part of the client's environment a session may use:
// language and colour. Nothing else the client sends (ENVEI_DB, HOME,
// XDG_DATA_HOME) may steer the server.
func clientEnv(environ []string) func(string) string {
	return func(key string) string {
		switch {
		case key == "LANG", key == "LC_ALL", key == "LC_MESSAGES",
			key == "NO_COLOR", key == "TERM", key == "COLORTERM", key == "COLORFGBG", key == "ENVEI_THEME":
		default:
			return ""
		}
		for _, kv := range environ {
			if v, ok := strings.CutPrefix(kv, key+"="); ok {
				return v
			}
		}
		return ""
	}
}
