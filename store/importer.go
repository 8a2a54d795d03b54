package store

import (
	"context"
	"database/sql"
	"errors"
	"io"
	"strings"

	"envei/intake"
)

// MaxListedErrors is how many bad rows an import lists before it stops
// looking; the first fifty are enough to fix a spreadsheet by.
const MaxListedErrors = 50

// ImportResult tells what an import did.
type ImportResult struct {
	Rows int // referrals written
}

// Progress is called now and then during long work with the rows done.
type Progress func(done int)

// Import reads referrals in the CSV interchange format and writes them in
// one transaction: every row lands or none does. Bad rows come back as
// intake.RowErrors (at most MaxListedErrors) and nothing is written.
// Admins only.
func (s *Store) Import(ctx context.Context, who intake.Clinician, r io.Reader, progress Progress) (ImportResult, error) {
	if !who.Role.AtLeast(intake.RoleAdmin) {
		return ImportResult{}, ErrForbidden
	}
	var res ImportResult
	var bad intake.RowErrors
	var minID, maxID int64 // the ids this import created, for the access log
	errRejected := errors.New("import rejected")
	err := s.inBulkTx(ctx, func(tx *Tx) error {
		rules, err := s.importRules(ctx, tx)
		if err != nil {
			return err
		}
		dec, err := intake.NewDecoder(r, rules)
		if err != nil {
			return err
		}
		w, err := s.newReferralWriter(ctx, tx, who.Username, "imported")
		if err != nil {
			return err
		}
		defer w.close()
		// A ref already in the database is found by looking up each batch's
		// refs before it is written, not by the UNIQUE constraint: the rows
		// go in many to an INSERT, whose failure would not say which row.
		// Into an empty database there is nothing to look up; refs repeated
		// within the file the decoder finds.
		var hadReferrals bool
		if err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM referrals)`).Scan(&hadReferrals); err != nil {
			return err
		}
		lookup := refLookup{tx: tx}
		defer lookup.close()
		batch := make([]importRow, 0, referralBatch)
		// flush writes the rows decoded so far, or once a row is bad only
		// checks them: nothing will be written then, and the list of bad
		// rows stays in the order of the file.
		flush := func() error {
			var known map[string]bool
			if hadReferrals && len(batch) > 0 {
				if known, err = lookup.existing(ctx, batch); err != nil {
					return err
				}
			}
			for _, row := range batch {
				if known[row.r.Ref] {
					bad = append(bad, intake.RowError{Line: row.line, Column: "ref", Reason: "is already in the database"})
					continue
				}
				if len(bad) > 0 {
					continue
				}
				id, err := w.write(ctx, row.r)
				if err != nil {
					return err
				}
				if res.Rows == 0 {
					minID = id
				}
				maxID = id
				res.Rows++
				if progress != nil && res.Rows%10000 == 0 {
					progress(res.Rows)
				}
			}
			clear(batch)
			batch = batch[:0]
			return nil
		}
		for len(bad) < MaxListedErrors {
			ref, line, err := dec.Next()
			if errors.Is(err, io.EOF) {
				break
			}
			var rowErrs intake.RowErrors
			if errors.As(err, &rowErrs) {
				if err := flush(); err != nil {
					return err
				}
				bad = append(bad, rowErrs...)
				continue
			}
			if err != nil {
				return err
			}
			batch = append(batch, importRow{r: ref, line: line})
			if len(batch) == cap(batch) {
				if err := flush(); err != nil {
					return err
				}
			}
		}
		if err := flush(); err != nil {
			return err
		}
		if len(bad) > 0 {
			return errRejected
		}
		if err := w.finish(ctx); err != nil {
			return err
		}
		if res.Rows == 0 {
			// A header alone, or lines of nothing but delimiters (a line
			// of a gigabyte of commas is one blank row): not an import.
			return ErrNoReferrals
		}
		// The rows written are identifiable data the admin brought in:
		// logged as one bulk access naming the ids created, which the
		// patients' audits find.
		return logAccess(ctx, tx, s.stamp(), accessEntry{
			actor: who, what: readImport, basis: intake.BasisBulk, minID: minID, maxID: maxID,
		})
	})
	if errors.Is(err, errRejected) {
		if len(bad) > MaxListedErrors {
			bad = bad[:MaxListedErrors]
		}
		return ImportResult{}, bad
	}
	if err != nil {
		return ImportResult{}, err
	}
	return res, nil
}

// importRules gathers what the decoder checks rows against.
func (s *Store) importRules(ctx context.Context, tx *Tx) (intake.ImportRules, error) {
	rules := intake.ImportRules{
		Today:          s.today(),
		AllowSynthetic: s.test,
		Services:       map[string]bool{},
		Clinicians:     map[string]bool{},
	}
	codes, err := stringColumn(ctx, tx, `SELECT code FROM services`)
	if err != nil {
		return rules, err
	}
	for _, c := range codes {
		rules.Services[c] = true
	}
	users, err := stringColumn(ctx, tx, `SELECT username FROM clinicians WHERE removed_at IS NULL`)
	if err != nil {
		return rules, err
	}
	for _, u := range users {
		rules.Clinicians[u] = true
	}
	return rules, nil
}

// importRow is a decoded referral and the line it starts on.
type importRow struct {
	r    intake.Referral
	line int
}

// refLookup finds which refs of a batch are already in the database, with
// one query per batch.
type refLookup struct {
	tx   *Tx
	full *Stmt // for a full batch, prepared when first needed
}

func (l *refLookup) existing(ctx context.Context, rows []importRow) (map[string]bool, error) {
	args := make([]any, len(rows))
	for i, row := range rows {
		args[i] = row.r.Ref
	}
	query := `SELECT ref FROM referrals WHERE ref IN (` + strings.TrimSuffix(strings.Repeat("?, ", len(rows)), ", ") + `)`
	var found *sql.Rows
	var err error
	if len(rows) == referralBatch {
		if l.full == nil {
			if l.full, err = l.tx.PrepareContext(ctx, query); err != nil {
				return nil, err
			}
		}
		found, err = l.full.QueryContext(ctx, args...)
	} else {
		found, err = l.tx.QueryContext(ctx, query, args...)
	}
	if err != nil {
		return nil, err
	}
	defer found.Close()
	known := map[string]bool{}
	for found.Next() {
		var ref string
		if err := found.Scan(&ref); err != nil {
			return nil, err
		}
		known[ref] = true
	}
	return known, found.Err()
}

func (l *refLookup) close() {
	if l.full != nil {
		l.full.Close()
	}
}
