package tui

import (
	"context"
	"strings"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"envei/intake"
)

// history lists every referral of the patient of one referral (by national
// id), newest first, with its state (h in the referral view). Opening one
// is a read of that referral under the work-need rule: a referral not the
// user's asks for a reason first (openReferral).
type history struct {
	c      *common
	ref    string
	k      historyKeys
	rows   []intake.WorklistRow
	cursor int
	loaded bool
	err    error
	width  int
	height int
}

type historyKeys struct {
	list listKeys
	Open key.Binding
}

type historyMsg struct {
	rows []intake.WorklistRow
	err  error
}

func newHistory(c *common, ref string) history {
	return history{c: c, ref: ref, k: historyKeys{
		list: newListKeys(c.text),
		Open: key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", c.text.KeyOpen)),
	}}
}

func (h history) init() tea.Cmd {
	acc, ref := h.c.access(h.ref), h.ref
	return call(h.c, func(ctx context.Context, b Backend) ([]intake.WorklistRow, error) {
		return b.PatientHistory(ctx, acc, ref)
	}, func(rows []intake.WorklistRow, err error) tea.Msg { return historyMsg{rows, err} })
}

func (h history) Update(msg tea.Msg) (history, tea.Cmd) {
	switch msg := msg.(type) {
	case historyMsg:
		h.loaded, h.rows, h.err = true, msg.rows, msg.err
		for i, r := range h.rows {
			if r.Ref == h.ref {
				h.cursor = i
			}
		}
	case changedMsg:
		return h, h.init()
	case tea.KeyMsg:
		switch {
		case msg.String() == "esc":
			return h, pop
		case key.Matches(msg, h.k.list.Down):
			h.cursor = min(h.cursor+1, len(h.rows)-1)
		case key.Matches(msg, h.k.list.Up):
			h.cursor = max(h.cursor-1, 0)
		case key.Matches(msg, h.k.Open) && h.cursor < len(h.rows):
			if ref := h.rows[h.cursor].Ref; ref != h.ref {
				return h, openReferral(h.c, ref)
			}
			return h, pop // the referral the history was opened from
		}
	}
	return h, nil
}

func (h history) update(msg tea.Msg) (screen, tea.Cmd) { return h.Update(msg) }
func (h history) title() string                        { return sprintf(h.c.text.HistoryTitle, h.ref) }
func (h history) capturing() bool                      { return false }
func (h history) dirty() bool                          { return false }
func (h history) resize(w, ht int) screen {
	h.width, h.height = w, ht
	return h
}

func (h history) keys() help.KeyMap {
	k := h.k
	k.Open.SetEnabled(len(h.rows) > 0)
	return bindings{short: []key.Binding{k.Open, k.list.Up, k.list.Down}, full: [][]key.Binding{{k.Open, k.list.Up, k.list.Down}}}
}

func (h history) view() string {
	s, t := h.c.styles, h.c.text
	switch {
	case h.err != nil:
		return s.Error.Render(errorText(t, h.err))
	case !h.loaded:
		return s.Subtle.Render(t.Loading)
	}
	var b strings.Builder
	b.WriteString(s.TableHead.Render(pad("", colMark)+pad(t.ColRef, colRef)+pad(t.ColReceived, colReceived)+
		pad(t.ColFrom, colFrom)+pad(t.ColClinician, colClinician)+pad(t.ColState, colState)) + "\n")
	// Keep the cursor's row in view on a short terminal.
	first := 0
	if rows := max(1, h.height-3); h.cursor >= rows {
		first = h.cursor - rows + 1
	}
	for i := first; i < len(h.rows) && i-first < max(1, h.height-3); i++ {
		r := h.rows[i]
		line := pad(r.Ref, colRef) + pad(r.Received.String(), colReceived) + pad(fromText(t, r.Channel, r.AddressedTo), colFrom) +
			pad(dash(r.Clinician), colClinician) + pad(t.StateName(r.State), colState)
		mark := "  "
		if r.Ref == h.ref {
			mark = "• "
		}
		if i == h.cursor {
			b.WriteString(mark + s.Selected.Render(line) + "\n")
		} else {
			b.WriteString(mark + s.Row.Render(line) + "\n")
		}
	}
	if len(h.rows) == 1 {
		b.WriteString("\n" + s.Subtle.Render(t.HistoryNoID))
	}
	return b.String()
}
