package store

import (
	"context"

	"envei/intake"
)

// PriorReferrals returns every referral of a national id, open ones first,
// then the closed ones newest first, so the register form can show them as
// soon as the id is typed: an open one is a likely duplicate, a closed one
// is history the registrar should know of. Each one found is logged as a
// lookup by the registering user in the same transaction, as
// OpenReferralsFor does.
func (s *Store) PriorReferrals(ctx context.Context, who intake.Clinician, nationalID string) ([]intake.PriorReferral, error) {
	if !who.Role.AtLeast(intake.RoleClinician) {
		return nil, ErrForbidden
	}
	var out []intake.PriorReferral
	err := s.InTx(ctx, func(tx *Tx) error {
		out = nil // fn may run again (InTx)
		rows, err := tx.QueryContext(ctx, `
			SELECT id, ref, state, received, coalesce(routed, withdrawn, '') FROM referrals
			WHERE national_id = ?
			ORDER BY state IN ('routed', 'withdrawn'), received DESC, ref DESC`, nationalID)
		if err != nil {
			return err
		}
		var ids []int64
		for rows.Next() {
			var (
				id                      int64
				p                       intake.PriorReferral
				state, received, closed string
			)
			if err := rows.Scan(&id, &p.Ref, &state, &received, &closed); err != nil {
				rows.Close()
				return err
			}
			p.State = intake.State(state)
			p.Received, _ = intake.ParseDate(received)
			p.Closed, _ = intake.ParseDate(closed)
			ids, out = append(ids, id), append(out, p)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		at := s.stamp()
		for _, id := range ids {
			if err := logAccess(ctx, tx, at, accessEntry{actor: who, referralID: id, what: readLookup, basis: intake.BasisRegistrar}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}
