package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/spf13/pflag"

	"envei/intake"
	"envei/store"
)

// rowEncoder is what the CSV and JSON encoders share.
type rowEncoder interface {
	Write(intake.ExportRow) error
	Flush() error
}

func exportCommand() command {
	return command{
		name:    "export",
		summary: "write every referral, sorted by ref, as CSV or JSON",
		long: `Writes the import format plus the computed columns state, clinician_org
and assessment_deadline. The output is deterministic: export, import into an
empty database, export again gives the same bytes. It holds identifiable
patient data: needs the role admin, and a file written with --out gets mode
0600.`,
		setup: func(fs *pflag.FlagSet) runner {
			format := fs.String("format", "csv", "csv or json")
			out := fs.String("out", "", "write to `FILE` instead of standard output (refuses to overwrite)")
			return func(ctx context.Context, a *app, args []string) error {
				if len(args) > 0 {
					return usagef("takes no arguments")
				}
				if *format != "csv" && *format != "json" {
					return usagef("--format must be csv or json")
				}
				s, who, err := a.openAs(ctx, openOptions{})
				if err != nil {
					return err
				}
				defer s.Close()
				if err := require(who, intake.RoleAdmin, "exporting"); err != nil {
					return err
				}
				err = writeOutput(a, *out, func(w io.Writer) error {
					var enc rowEncoder = intake.NewCSVEncoder(w)
					if *format == "json" {
						enc = intake.NewJSONEncoder(w)
					}
					if err := s.Export(ctx, who, enc.Write); err != nil {
						return err
					}
					return enc.Flush()
				})
				return interruptedExport(err, *out)
			}
		},
	}
}

// interruptedExport says what became of the output of an export the
// database server broke off part-way (store.ErrReadInterrupted): a file
// given with --out was never made (writeOutput), while standard output
// already holds the rows before the break.
func interruptedExport(err error, out string) error {
	if !errors.Is(err, store.ErrInterrupted) {
		return err
	}
	if out == "" || out == "-" {
		return fmt.Errorf("%w\n  the rows written to standard output before the break are incomplete: discard them", err)
	}
	return fmt.Errorf("%w\n  no file was written to %s", err, out)
}

// writeOutput runs write against standard output, or against a new file
// that appears under its name only when complete (a temp file, fsync,
// link), so a failed export leaves no half file and never overwrites one.
func writeOutput(a *app, path string, write func(io.Writer) error) error {
	if path == "" || path == "-" {
		if a.isTerminal(a.stdout) {
			sw := &safeWriter{w: a.stdout}
			bw := bufio.NewWriterSize(sw, 1<<16)
			if err := write(bw); err != nil {
				return err
			}
			if err := bw.Flush(); err != nil {
				return err
			}
			return sw.Flush()
		}
		bw := bufio.NewWriterSize(a.stdout, 1<<16)
		if err := write(bw); err != nil {
			return err
		}
		return bw.Flush()
	}
	if a.remote {
		return errRemoteFile
	}
	if _, err := os.Lstat(path); err == nil {
		return fmt.Errorf("%s exists; envei does not overwrite files", path)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".envei-out-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	bw := bufio.NewWriterSize(tmp, 1<<16)
	err = write(bw)
	if err == nil {
		err = bw.Flush()
	}
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	if err := os.Link(tmp.Name(), path); err != nil {
		return err
	}
	return nil
}
