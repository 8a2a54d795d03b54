package main

// dbFlag is the global --db. It may be given more than once, for a region
// report (stats and funnel over several receptions' databases); every
// other command reads one database and refuses more (checkGlobal), where
// pflag's string flag would silently keep the last.
type dbFlag struct{ g *globalOptions }

func (f dbFlag) String() string { return f.g.db }

func (f dbFlag) Type() string { return "string" }

// Set records one --db. db is the first given: the one database of every
// command but the region reports, which read dbs.
func (f dbFlag) Set(v string) error {
	f.g.dbs = append(f.g.dbs, v)
	f.g.db = f.g.dbs[0]
	return nil
}

// severalDBs reports whether --db was given more than once.
func (g globalOptions) severalDBs() bool { return len(g.dbs) > 1 }

// regionCommand reports whether a command reads several databases into
// one region report.
func regionCommand(name string) bool { return name == "stats" || name == "funnel" }

// checkDBs refuses more than one --db for a command that reads one
// database (command "" is the console).
func (g globalOptions) checkDBs(command string) error {
	if !g.severalDBs() || regionCommand(command) {
		return nil
	}
	what := "envei " + command
	if command == "" {
		what = "the console"
	}
	return usagef("--db is given %d times, and %s reads one database: only stats and funnel take several (a region report)",
		len(g.dbs), what)
}
