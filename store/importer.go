package store

import (
	"context"
	"database/sql"
	"errors"
	"io"

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
	err := s.inBulkTx(ctx, func(tx *sql.Tx) error {
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
		for len(bad) < MaxListedErrors {
			ref, line, err := dec.Next()
			if errors.Is(err, io.EOF) {
				break
			}
			var rowErrs intake.RowErrors
			if errors.As(err, &rowErrs) {
				bad = append(bad, rowErrs...)
				continue
			}
			if err != nil {
				return err
			}
			id, err := w.write(ctx, ref)
			if errors.Is(err, ErrDuplicate) {
				bad = append(bad, intake.RowError{Line: line, Column: "ref", Reason: "is already in the database"})
				continue
			} else if err != nil {
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
		if len(bad) > 0 {
			return errRejected
		}
		if err := w.finish(ctx); err != nil {
			return err
		}
		if res.Rows == 0 {
			return nil
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
func (s *Store) importRules(ctx context.Context, tx *sql.Tx) (intake.ImportRules, error) {
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
