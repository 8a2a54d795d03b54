package tui

import (
	"context"

	"envei/intake"
)

// Finding a patient from the worklist: its closed and all views (c), and a
// search that covers open and closed referrals, by ref, name or national
// id (/).

// worklistPage asks for one page of q. A search by national id is a lookup
// of a person (logged by the store, one row per referral found), answered
// in one page, newest first; paging it further finds nothing more.
func worklistPage(ctx context.Context, b Backend, who intake.Clinician, q intake.WorklistQuery) ([]intake.WorklistRow, error) {
	id, ok := intake.NationalIDQuery(q.Search)
	if !ok {
		return b.Worklist(ctx, q)
	}
	if !q.After.IsZero() || !q.Before.IsZero() || q.Last {
		return nil, nil
	}
	rows, err := b.FindByNationalID(ctx, who, id)
	if len(rows) > q.Limit && q.Limit > 0 {
		rows = rows[:q.Limit]
	}
	return rows, err
}

// isLookup reports whether q searches by national id: the refresh tick
// does not repeat it, since each one is logged as a lookup.
func isLookup(q intake.WorklistQuery) bool {
	_, ok := intake.NationalIDQuery(q.Search)
	return ok
}

// emptyOpenWorklist reports whether q is the plain worklist (open, no
// filter or search), whose emptiness is worth explaining.
func emptyOpenWorklist(q intake.WorklistQuery) bool {
	return q.Scope == intake.ScopeOpen && q.State == "" && q.Mine == "" && q.Search == "" && q.After.IsZero() && q.Before.IsZero()
}

// searchScope is the scope a page is asked in: a search covers open and
// closed referrals unless the user chose closed only; a state filter
// (open states only) keeps the worklist proper.
func (w worklist) searchScope() intake.WorklistScope {
	switch {
	case w.state != "":
		return intake.ScopeOpen
	case w.scope == intake.ScopeOpen && w.search.Value() != "":
		return intake.ScopeAll
	}
	return w.scope
}

// scopeName names what the worklist shows, for its filter line.
func (w worklist) scopeName() string {
	t := w.c.text
	switch w.searchScope() {
	case intake.ScopeClosed:
		return t.ScopeClosedName
	case intake.ScopeAll:
		return t.ScopeAllName
	}
	return t.AllOpen
}

// emptyText says why nothing is shown, and on an empty worklist with
// closed referrals behind it, how to see them.
func (w worklist) emptyText() string {
	t := w.c.text
	switch {
	case w.closed > 0 && emptyOpenWorklist(w.query):
		return sprintf(t.WorklistNoOpen, w.closed)
	case w.query.Scope == intake.ScopeOpen && emptyOpenWorklist(w.query):
		return t.WorklistEmpty
	}
	return t.ClosedEmpty
}

// wholeRef reports whether enter on the search q opens the referral q
// names: a whole ref always does, found or not (a search pages through no
// more than a page). It must not depend on whether the search's rows have
// arrived yet: a fast typist's enter would otherwise sometimes open the
// record and sometimes only end the search.
func wholeRef(q string) bool {
	_, id := intake.NationalIDQuery(q)
	return !id && intake.ValidRef(q)
}

// closedRow reports whether a row needs nothing more done: its due date
// is history, not a deadline to count down to.
func closedRow(r intake.WorklistRow) bool { return !r.State.Open() && !r.InTreatment }
