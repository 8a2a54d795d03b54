package tui

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

	"envei/intake"
)

// refreshEvery is how often the worklist reloads its page and an open
// referral checks its version, so changes made by other clinicians'
// consoles show up without a keypress (Options.RefreshEvery overrides it).
const refreshEvery = 5 * time.Second

type worklistKeys struct {
	list                                   listKeys
	Open, New, Assign, Schedule, Route     key.Binding
	Assess                                 key.Binding
	Search, Filter, Mine, Refresh, EndEdit key.Binding
	Closed                                 key.Binding // open, closed or all (findfix.go)
}

func newWorklistKeys(t *Catalog) worklistKeys {
	return worklistKeys{
		list:     newListKeys(t),
		Open:     key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", t.KeyOpen)),
		New:      key.NewBinding(key.WithKeys("n"), key.WithHelp("n", t.KeyNew)),
		Assign:   key.NewBinding(key.WithKeys("a"), key.WithHelp("a", t.KeyAssign)),
		Schedule: key.NewBinding(key.WithKeys("s"), key.WithHelp("s", t.KeySchedule)),
		Route:    key.NewBinding(key.WithKeys("r"), key.WithHelp("r", t.KeyRoute)),
		Assess:   key.NewBinding(key.WithKeys("e"), key.WithHelp("e", t.KeyAssess)),
		Search:   key.NewBinding(key.WithKeys("/"), key.WithHelp("/", t.KeySearch)),
		Filter:   key.NewBinding(key.WithKeys("f"), key.WithHelp("f", t.KeyFilter)),
		Mine:     key.NewBinding(key.WithKeys("m"), key.WithHelp("m", t.KeyMine)),
		Refresh:  key.NewBinding(key.WithKeys("ctrl+r", "f5"), key.WithHelp("ctrl+r", t.KeyRefresh)),
		EndEdit:  key.NewBinding(key.WithKeys("enter", "esc", "down", "up"), key.WithHelp("enter/esc", t.KeyEndSearch)),
		Closed:   key.NewBinding(key.WithKeys("c"), key.WithHelp("c", t.KeyClosed)),
	}
}

// worklist is the home screen: open referrals, most pressing first, one
// page at a time from the database.
type worklist struct {
	c      *common
	k      worklistKeys
	width  int
	height int

	rows   []intake.WorklistRow
	cursor int
	query  intake.WorklistQuery // the query that gave rows, reused to refresh
	today  intake.Date
	seq    int // numbers each load; a reply for an older one is dropped
	err    error
	loaded bool
	noMore bool // the last page move found nothing further

	state     intake.State // filter: "" for every open state
	scope     intake.WorklistScope
	closed    int // referrals off the worklist, counted when it is empty
	mine      bool
	search    textinput.Model
	searching bool
}

// worklistMsg carries one page.
type worklistMsg struct {
	seq    int
	query  intake.WorklistQuery
	rows   []intake.WorklistRow
	today  intake.Date
	cursor cursorPlace
	closed int // see worklist.closed
	err    error
}

type cursorPlace int

const (
	cursorTop cursorPlace = iota
	cursorBottom
	cursorKeep
)

func newWorklist(c *common) worklist {
	ti := textinput.New()
	rebind(c.styles.r, &ti)
	ti.Prompt = "/ "
	ti.Placeholder = c.text.SearchPlaceholderAll
	ti.CharLimit = 64
	return worklist{c: c, k: newWorklistKeys(c.text), search: ti}
}

func (w worklist) init() tea.Cmd {
	return w.loadCmd(w.baseQuery(), cursorTop)
}

// pageSize is how many rows fit: the body minus the filter line and the
// table header.
func (w worklist) pageSize() int { return max(1, w.height-3) }

// baseQuery is the first page under the current filters.
func (w worklist) baseQuery() intake.WorklistQuery {
	q := intake.WorklistQuery{State: w.state, Search: strings.TrimSpace(w.search.Value()), Scope: w.searchScope(), Limit: w.pageSize()}
	if w.mine {
		q.Mine = w.c.user.Username
	}
	return q
}

// loadCmd fetches one page; the reply carries the current sequence number,
// so callers bump w.seq first (init uses the initial 0).
func (w worklist) loadCmd(q intake.WorklistQuery, place cursorPlace) tea.Cmd {
	seq, today, who := w.seq, w.c.today, w.c.user
	type page struct {
		rows   []intake.WorklistRow
		closed int
	}
	return call(w.c, func(ctx context.Context, b Backend) (page, error) {
		rows, err := worklistPage(ctx, b, who, q)
		if err != nil || len(rows) > 0 || !emptyOpenWorklist(q) {
			return page{rows: rows}, err
		}
		closed, err := b.CountClosed(ctx)
		return page{closed: closed}, err
	}, func(p page, err error) tea.Msg {
		return worklistMsg{seq: seq, query: q, rows: p.rows, today: today(), cursor: place, closed: p.closed, err: err}
	})
}

// reload asks again for the page on screen (after a change or a tick).
func (w worklist) reload() (worklist, tea.Cmd) {
	q := w.query
	q.Limit = w.pageSize()
	return w.load(q, cursorKeep)
}

func (w worklist) load(q intake.WorklistQuery, place cursorPlace) (worklist, tea.Cmd) {
	w.seq++
	return w, w.loadCmd(q, place)
}

func (w worklist) Update(msg tea.Msg) (worklist, tea.Cmd) {
	switch msg := msg.(type) {
	case worklistMsg:
		return w.gotPage(msg), nil
	case refreshTick:
		if w.searching || isLookup(w.query) {
			return w, nil
		}
		return w.reload()
	case changedMsg:
		return w.reload()
	case resizedMsg:
		if w.query.Limit != w.pageSize() {
			return w.reload()
		}
		return w, nil
	case tea.KeyMsg:
		if w.searching {
			return w.searchKey(msg)
		}
		return w.key(msg)
	}
	return w, nil
}

func (w worklist) gotPage(msg worklistMsg) worklist {
	if msg.seq != w.seq {
		return w // an answer to a question no longer asked
	}
	w.loaded, w.err, w.closed = true, msg.err, msg.closed
	if msg.err != nil {
		return w
	}
	w.today = msg.today
	moving := !msg.query.After.IsZero() || !msg.query.Before.IsZero()
	if len(msg.rows) == 0 && moving {
		w.noMore = true // nothing beyond: keep the page on screen
		return w
	}
	w.noMore = false
	w.rows, w.query = msg.rows, msg.query
	switch msg.cursor {
	case cursorTop:
		w.cursor = 0
	case cursorBottom:
		w.cursor = len(w.rows) - 1
	}
	w.cursor = max(0, min(w.cursor, len(w.rows)-1))
	return w
}

func (w worklist) selected() (intake.WorklistRow, bool) {
	if w.cursor < 0 || w.cursor >= len(w.rows) {
		return intake.WorklistRow{}, false
	}
	return w.rows[w.cursor], true
}

func (w worklist) key(msg tea.KeyMsg) (worklist, tea.Cmd) {
	k := w.k
	switch {
	case key.Matches(msg, k.list.Down):
		if w.cursor < len(w.rows)-1 {
			w.cursor++
			return w, nil
		}
		return w.nextPage(cursorTop)
	case key.Matches(msg, k.list.Up):
		if w.cursor > 0 {
			w.cursor--
			return w, nil
		}
		return w.prevPage()
	case key.Matches(msg, k.list.PageDown):
		return w.nextPage(cursorTop)
	case key.Matches(msg, k.list.PageUp):
		return w.prevPage()
	case key.Matches(msg, k.list.Top):
		return w.load(w.baseQuery(), cursorTop)
	case key.Matches(msg, k.list.Bottom):
		q := w.baseQuery()
		q.Last = true
		return w.load(q, cursorBottom)
	case key.Matches(msg, k.Search):
		w.searching = true
		return w, w.search.Focus()
	case key.Matches(msg, k.Filter):
		w.state = nextStateFilter(w.state)
		return w.load(w.baseQuery(), cursorTop)
	case key.Matches(msg, k.Mine):
		w.mine = !w.mine
		return w.load(w.baseQuery(), cursorTop)
	case key.Matches(msg, k.Closed):
		w.scope = w.scope.Next()
		return w.load(w.baseQuery(), cursorTop)
	case key.Matches(msg, k.Refresh):
		return w.reload()
	case key.Matches(msg, k.New):
		return w, push(newRegister(w.c))
	case msg.String() == "esc" && (w.search.Value() != "" || w.state != "" || w.mine || w.scope != intake.ScopeOpen):
		// esc on the worklist clears the filters before anything else.
		w.search.SetValue("")
		w.state, w.mine, w.scope = "", false, intake.ScopeOpen
		return w.load(w.baseQuery(), cursorTop)
	}
	row, ok := w.selected()
	if !ok {
		return w, nil
	}
	switch {
	case key.Matches(msg, k.Open):
		return w, openReferral(w.c, row.Ref)
	case key.Matches(msg, k.Assign):
		return w, assignAction(w.c, row.Ref, row.Clinician != "")
	case key.Matches(msg, k.Schedule):
		return w, scheduleAction(w.c, row.Ref, row.State, row.Version)
	case key.Matches(msg, k.Route):
		return w, routeAction(w.c, row.Ref)
	case key.Matches(msg, k.Assess):
		return w, assessAction(w.c, row.Ref, row.State)
	}
	return w, nil
}

func (w worklist) nextPage(place cursorPlace) (worklist, tea.Cmd) {
	if len(w.rows) == 0 {
		return w, nil
	}
	q := w.baseQuery()
	q.After = w.rows[len(w.rows)-1].Key
	return w.load(q, place)
}

func (w worklist) prevPage() (worklist, tea.Cmd) {
	if len(w.rows) == 0 {
		return w, nil
	}
	q := w.baseQuery()
	q.Before = w.rows[0].Key
	return w.load(q, cursorBottom)
}

// searchKey edits the search; every keystroke asks for the first page that
// matches (search as you type). Older answers are dropped by seq.
func (w worklist) searchKey(msg tea.KeyMsg) (worklist, tea.Cmd) {
	if key.Matches(msg, w.k.EndEdit) {
		w.searching = false
		w.search.Blur()
		if msg.String() == "esc" {
			w.search.SetValue("")
			return w.load(w.baseQuery(), cursorTop)
		}
		// A whole ref opens that referral: the way to any referral by
		// its ref, found or not (a search does not page through all).
		if q := strings.TrimSpace(w.search.Value()); msg.String() == "enter" && wholeRef(q) {
			return w, openReferral(w.c, q)
		}
		return w, nil
	}
	before := w.search.Value()
	var cmd tea.Cmd
	w.search, cmd = w.search.Update(msg)
	if w.search.Value() == before {
		return w, cmd
	}
	w, load := w.load(w.baseQuery(), cursorTop)
	return w, tea.Batch(cmd, load)
}

// nextStateFilter cycles: all open → each open state → all open.
func nextStateFilter(s intake.State) intake.State {
	open := []intake.State{"", intake.StateRegistered, intake.StateAssigned, intake.StateScheduled,
		intake.StateAttended, intake.StateDidNotAttend, intake.StateAssessed}
	for i, st := range open {
		if st == s {
			return open[(i+1)%len(open)]
		}
	}
	return ""
}

func (w worklist) update(msg tea.Msg) (screen, tea.Cmd) { return w.Update(msg) }
func (w worklist) title() string                        { return w.c.text.WorklistTitle }
func (w worklist) capturing() bool                      { return w.searching }
func (w worklist) dirty() bool                          { return false }
func (w worklist) resize(width, height int) screen {
	w.width, w.height = width, height
	w.search.Width = max(10, width/3)
	if len(w.rows) > w.pageSize() {
		w.rows = w.rows[:w.pageSize()] // the reload that follows fills the rest
		w.cursor = min(w.cursor, len(w.rows)-1)
	}
	return w
}

func (w worklist) keys() help.KeyMap {
	k := w.k
	if w.searching {
		return bindings{short: []key.Binding{k.EndEdit}, full: [][]key.Binding{{k.EndEdit}}}
	}
	_, has := w.selected()
	for _, b := range []*key.Binding{&k.Open, &k.Assign, &k.Schedule, &k.Route, &k.Assess} {
		b.SetEnabled(has)
	}
	return bindings{
		short: []key.Binding{k.Open, k.New, k.Assign, k.Schedule, k.Assess, k.Route, k.Search},
		full: [][]key.Binding{
			{k.list.Up, k.list.Down, k.list.PageUp, k.list.PageDown, k.list.Top, k.list.Bottom},
			{k.Open, k.New, k.Assign, k.Schedule, k.Assess, k.Route},
			{k.Search, k.Filter, k.Mine, k.Closed, k.Refresh},
		},
	}
}

// Column widths of the worklist table; the next-step column takes what is
// left of the width.
const (
	colMark      = 2
	colRef       = 11
	colReceived  = 11
	colFrom      = 9
	colClinician = 11
	colState     = 15
	colDue       = 7
)

func (w worklist) view() string {
	s, t := w.c.styles, w.c.text
	var b strings.Builder
	b.WriteString(w.filterLine())
	b.WriteByte('\n')
	nextWidth := max(8, w.width-colMark-colRef-colReceived-colFrom-colClinician-colState-colDue)
	head := pad("", colMark) + pad(t.ColRef, colRef) + pad(t.ColReceived, colReceived) + pad(t.ColFrom, colFrom) +
		pad(t.ColClinician, colClinician) + pad(t.ColState, colState) + pad(t.ColNext, nextWidth) + padLeft(t.ColDue, colDue)
	b.WriteString(s.TableHead.Render(head))
	b.WriteByte('\n')
	switch {
	case w.err != nil:
		b.WriteString(s.Error.Render(errorText(t, w.err)))
		return b.String()
	case !w.loaded:
		b.WriteString(s.Subtle.Render(t.Loading))
		return b.String()
	case len(w.rows) == 0:
		b.WriteString(s.Subtle.Render(w.emptyText()))
		return b.String()
	}
	for i, r := range w.rows {
		mark := "  "
		if r.Urgent {
			mark = s.Urgent.Render("!") + " "
		}
		due, dueStyle := w.dueText(r)
		step := t.StepName(r.State.Next())
		if r.InTreatment {
			step = t.StepTreatment
		}
		if r.MessageRejected {
			// The transfer did not arrive: that is the next thing to do.
			mark, step = s.Urgent.Render("!")+" ", t.MsgRejectedBadge
		}
		line := pad(r.Ref, colRef) + pad(w.c.text.Date(r.Received), colReceived) + pad(fromText(t, r.Channel, r.AddressedTo), colFrom) +
			pad(dash(r.Clinician), colClinician) + pad(t.StateName(r.State), colState) + pad(step, nextWidth)
		if i == w.cursor {
			b.WriteString(mark + s.Selected.Render(line+padLeft(due, colDue)))
		} else {
			b.WriteString(mark + s.Row.Render(line) + dueStyle.Render(padLeft(due, colDue)))
		}
		if i < len(w.rows)-1 {
			b.WriteByte('\n')
		}
	}
	if w.noMore {
		b.WriteString("\n" + s.Subtle.Render(t.NoMoreRows))
	}
	return b.String()
}

// dueText shows the days left to the due date; a legal deadline is marked
// with §, overdue rows stand out.
func (w worklist) dueText(r intake.WorklistRow) (string, styleRenderer) {
	s := w.c.styles
	if r.Due.IsZero() || w.today.IsZero() || closedRow(r) {
		return "–", s.Row
	}
	days := w.today.DaysUntil(r.Due)
	text := fmt.Sprintf("%d %s", days, w.c.text.DaysShort)
	if !r.Deadline.IsZero() {
		text = "§" + text
	}
	switch {
	case days < 0:
		return text, s.Overdue
	case days <= 2:
		return text, s.DueSoon
	}
	return text, s.Row
}

func (w worklist) filterLine() string {
	s, t := w.c.styles, w.c.text
	state := w.scopeName()
	if w.state != "" {
		state = t.StateName(w.state)
	}
	mine := t.Everyone
	if w.mine {
		mine = t.OnlyMine
	}
	line := s.Label.Render(t.FilterLabel+" ") + s.Value.Render(state) + s.Subtle.Render(" · ") + s.Value.Render(mine) + s.Subtle.Render(" · ")
	if w.searching || w.search.Value() != "" {
		return line + w.search.View()
	}
	return line + s.Subtle.Render(t.SearchHintAll)
}
