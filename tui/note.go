package tui

import (
	"context"
	"errors"
	"os"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/viewport"
	tea "github.com/charmbracelet/bubbletea"

	"envei/intake"
)

// The documents the note screen shows.
const (
	noteTransfer = "transfer"
	noteGPLetter = "gp_letter"
)

// noteScreen shows the transfer note (p) or the GP letter (l) of a
// referral, as envei note prints it; opening it is logged as printing, and
// w saves it as a text file in the current folder.
type noteScreen struct {
	c    *common
	ref  string
	kind string
	text string
	err  error
	vp   viewport.Model
	k    struct{ Save, Down, Up key.Binding }
}

type noteMsg struct {
	text string
	err  error
}

type noteSavedMsg struct {
	path string
	err  error
}

func newNoteScreen(c *common, ref, kind string) noteScreen {
	t := c.text
	n := noteScreen{c: c, ref: ref, kind: kind, vp: viewport.New(0, 0)}
	n.k.Save = key.NewBinding(key.WithKeys("w"), key.WithHelp("w", t.KeySaveNote))
	if c.noFileSave {
		n.k.Save.SetHelp("w", t.KeyNoteHowToSave)
	}
	n.k.Down = key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", t.KeyDown))
	n.k.Up = key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", t.KeyUp))
	return n
}

func (n noteScreen) init() tea.Cmd {
	acc, ref, kind, lang := n.c.access(n.ref), n.ref, n.kind, string(n.c.lang)
	return call(n.c, func(ctx context.Context, b Backend) (string, error) {
		in, err := b.NoteInput(ctx, acc, ref, kind)
		if err != nil {
			return "", err
		}
		in.Lang = lang
		if kind == noteGPLetter {
			return intake.GPLetter(in, intake.NoteText)
		}
		return intake.TransferNote(in, intake.NoteText)
	}, func(text string, err error) tea.Msg { return noteMsg{text, err} })
}

func (n noteScreen) Update(msg tea.Msg) (noteScreen, tea.Cmd) {
	switch msg := msg.(type) {
	case noteMsg:
		n.text, n.err = msg.text, msg.err
		n.vp.SetContent(n.text)
	case noteSavedMsg:
		if msg.err != nil {
			return n, toastErr(errorText(n.c.text, msg.err))
		}
		return n, toast(sprintf(n.c.text.NoteSaved, msg.path))
	case tea.KeyMsg:
		switch {
		case msg.String() == "esc":
			return n, pop
		case key.Matches(msg, n.k.Save) && n.text != "" && n.c.noFileSave:
			// Served over SSH the disk is the server's: write nothing there.
			return n, toast(n.howToSave())
		case key.Matches(msg, n.k.Save) && n.text != "":
			return n, saveNote(n.ref, n.kind, n.text)
		}
		var cmd tea.Cmd
		n.vp, cmd = n.vp.Update(msg)
		return n, cmd
	}
	return n, nil
}

// saveNote writes the note next to where envei runs, mode 0600 (it holds
// patient data), never over an existing file.
func saveNote(ref, kind, text string) tea.Cmd {
	return func() tea.Msg {
		name := safeFileName(ref) + "-" + kind + ".txt"
		f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
		if errors.Is(err, os.ErrExist) {
			return noteSavedMsg{err: noteExistsError(name)}
		} else if err != nil {
			return noteSavedMsg{err: err}
		}
		_, err = f.WriteString(text)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		return noteSavedMsg{path: name, err: err}
	}
}

// howToSave tells a user of a served console how to get the note as a
// file on their own machine: the same note through envei's command over
// SSH, written by their own shell.
func (n noteScreen) howToSave() string {
	flag := ""
	if n.kind == noteGPLetter {
		flag = " --gp-letter"
	}
	return sprintf(n.c.text.NoteNotSavedServed, n.ref, flag, safeFileName(n.ref)+"-"+n.kind+".txt")
}

// safeFileName keeps a ref's letters and digits; "/" would make a folder.
func safeFileName(ref string) string {
	out := []byte(ref)
	for i, c := range out {
		if c == '/' {
			out[i] = '_'
		}
	}
	return string(out)
}

func (n noteScreen) update(msg tea.Msg) (screen, tea.Cmd) { return n.Update(msg) }
func (n noteScreen) title() string {
	if n.kind == noteGPLetter {
		return sprintf(n.c.text.GPLetterTitle, n.ref)
	}
	return sprintf(n.c.text.NoteTitle, n.ref)
}
func (n noteScreen) capturing() bool { return false }
func (n noteScreen) dirty() bool     { return false }
func (n noteScreen) resize(w, h int) screen {
	n.vp.Width, n.vp.Height = w, h
	return n
}
func (n noteScreen) keys() help.KeyMap {
	n.k.Save.SetEnabled(n.text != "")
	return bindings{short: []key.Binding{n.k.Save, n.k.Down}, full: [][]key.Binding{{n.k.Save, n.k.Up, n.k.Down}}}
}
func (n noteScreen) view() string {
	if n.err != nil {
		return n.c.styles.Error.Render(errorText(n.c.text, n.err))
	}
	if n.text == "" {
		return n.c.styles.Subtle.Render(n.c.text.Loading)
	}
	return n.vp.View()
}

// noteExistsError refuses to write over name (errorText words it).
type noteExistsError string

func (e noteExistsError) Error() string { return string(e) }
