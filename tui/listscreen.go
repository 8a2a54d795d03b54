package tui

import (
	"context"
	"strings"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// listScreen is a table read from the store as a whole (the roster, the
// service catalogue: tens of rows, never the worklist's thousands) with a
// cursor that scrolls, and actions on the table or its selected row.
type listScreen[T any] struct {
	c      *common
	name   string
	load   func(ctx context.Context, b Backend) ([]T, error)
	note   func() string // a line above the table; "" for none
	head   string        // the column heads
	line   func(row T) string
	dimmed func(row T) bool // drawn subtle (a retired service); may be nil
	// detail, when set, is a line under the table about the row at the
	// cursor: what does not fit in its columns (a service's receiving unit).
	detail func(row T) string
	acts   []listAction[T]
	k      listKeys

	rows   []T
	cursor int
	offset int // the first row drawn
	err    error
	loaded bool
	width  int
	height int
}

// listAction is a key of a list screen. With onRow it acts on the
// selected row and is off when there is none.
type listAction[T any] struct {
	key   key.Binding
	onRow bool
	do    func(row T) tea.Cmd
}

type listMsg[T any] struct {
	rows []T
	err  error
}

func (l listScreen[T]) init() tea.Cmd {
	return call(l.c, l.load, func(rows []T, err error) tea.Msg { return listMsg[T]{rows, err} })
}

// visible is how many rows fit below the note and the column heads.
func (l listScreen[T]) visible() int {
	used := 1
	if l.note != nil && l.note() != "" {
		used++
	}
	if l.detail != nil {
		used++
	}
	return max(1, l.height-used)
}

func (l listScreen[T]) Update(msg tea.Msg) (listScreen[T], tea.Cmd) {
	switch msg := msg.(type) {
	case listMsg[T]:
		l.rows, l.err, l.loaded = msg.rows, msg.err, true
		return l.moveTo(l.cursor), nil
	case changedMsg:
		return l, l.init()
	case resizedMsg:
		return l.moveTo(l.cursor), nil
	case tea.KeyMsg:
		page := l.visible()
		switch {
		case key.Matches(msg, l.k.Down):
			return l.moveTo(l.cursor + 1), nil
		case key.Matches(msg, l.k.Up):
			return l.moveTo(l.cursor - 1), nil
		case key.Matches(msg, l.k.PageDown):
			return l.moveTo(l.cursor + page), nil
		case key.Matches(msg, l.k.PageUp):
			return l.moveTo(l.cursor - page), nil
		case key.Matches(msg, l.k.Top):
			return l.moveTo(0), nil
		case key.Matches(msg, l.k.Bottom):
			return l.moveTo(len(l.rows) - 1), nil
		}
		for _, a := range l.acts {
			if !key.Matches(msg, a.key) {
				continue
			}
			var row T
			if a.onRow {
				if l.cursor >= len(l.rows) {
					return l, nil
				}
				row = l.rows[l.cursor]
			}
			return l, a.do(row)
		}
	}
	return l, nil
}

// moveTo puts the cursor on row i (kept inside the table) and scrolls so
// that it is drawn.
func (l listScreen[T]) moveTo(i int) listScreen[T] {
	l.cursor = max(0, min(i, len(l.rows)-1))
	page := l.visible()
	switch {
	case l.cursor < l.offset:
		l.offset = l.cursor
	case l.cursor >= l.offset+page:
		l.offset = l.cursor - page + 1
	}
	l.offset = max(0, min(l.offset, len(l.rows)-page))
	return l
}

func (l listScreen[T]) update(msg tea.Msg) (screen, tea.Cmd) { return l.Update(msg) }
func (l listScreen[T]) title() string                        { return l.name }
func (l listScreen[T]) capturing() bool                      { return false }
func (l listScreen[T]) dirty() bool                          { return false }
func (l listScreen[T]) resize(w, h int) screen {
	l.width, l.height = w, h
	return l.moveTo(l.cursor)
}

func (l listScreen[T]) keys() help.KeyMap {
	var acts []key.Binding
	for _, a := range l.acts {
		b := a.key
		if a.onRow && len(l.rows) == 0 {
			b.SetEnabled(false)
		}
		acts = append(acts, b)
	}
	return bindings{
		short: append(append([]key.Binding{}, acts...), l.k.Down),
		full:  [][]key.Binding{acts, {l.k.Up, l.k.Down, l.k.PageUp, l.k.PageDown, l.k.Top, l.k.Bottom}},
	}
}

func (l listScreen[T]) view() string {
	s, t := l.c.styles, l.c.text
	if l.err != nil {
		return s.Error.Render(errorText(t, l.err))
	}
	if !l.loaded {
		return s.Subtle.Render(t.Loading)
	}
	var b strings.Builder
	if l.note != nil {
		if n := l.note(); n != "" {
			b.WriteString(s.Subtle.Render(n) + "\n")
		}
	}
	b.WriteString(s.TableHead.Render(l.head) + "\n")
	end := min(len(l.rows), l.offset+l.visible())
	for i := l.offset; i < end; i++ {
		row := l.rows[i]
		line := l.line(row)
		switch {
		case i == l.cursor:
			b.WriteString(s.Selected.Render(pad(line, l.width)))
		case l.dimmed != nil && l.dimmed(row):
			b.WriteString(s.Subtle.Render(line))
		default:
			b.WriteString(s.Row.Render(line))
		}
		b.WriteString("\n")
	}
	if l.detail != nil && l.cursor < len(l.rows) {
		b.WriteString(s.Subtle.Render(pad(l.detail(l.rows[l.cursor]), l.width)) + "\n")
	}
	return b.String()
}
