package tui

import (
	"strings"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
)

// Minimum terminal size the console draws in; below it, it says so.
const (
	minWidth  = 80
	minHeight = 24
	// maxStatusLines bounds a status message that wraps.
	maxStatusLines = 3
)

// Model is the root of the console: it owns the layout (header, body,
// footer), the stack of screens, help and the quit confirmation.
type Model struct {
	c      *common
	keys   globalKeys
	help   help.Model
	stack  []screen
	width  int
	height int

	tab         int      // which of tabs() is at the bottom of the stack
	kept        []screen // the top-level screens, kept while another is shown (tabs.go)
	showHelp    bool
	confirmQuit bool
	toast       toastMsg
	quitting    bool
	idle        idleClock // Options.IdleTimeout (idle.go)
	ended       bool      // ended for idleness: the screen is left empty
}

// New builds the console for opts. The first screen is the welcome screen
// on an empty database, else the worklist; it is chosen in Init's command.
func New(opts Options) *Model {
	c := newCommon(opts)
	h := help.New()
	rebind(c.styles.r, &h.Styles)
	h.Styles.ShortKey = c.styles.Key
	h.Styles.FullKey = c.styles.Key
	h.Styles.ShortDesc = c.styles.Footer
	h.Styles.FullDesc = c.styles.Footer
	h.ShortSeparator = " · "
	return &Model{c: c, keys: newGlobalKeys(c.text), help: h, stack: []screen{newStartScreen(c)}, idle: newIdleClock(opts.IdleTimeout)}
}

func (m *Model) top() screen { return m.stack[len(m.stack)-1] }

// Init starts the first screen.
func (m *Model) Init() tea.Cmd {
	return tea.Batch(m.top().init(), tickRefresh(m.c), m.idle.tick(), waitChanges(m.c))
}

// Update routes messages: window size and navigation here, keys to the
// root's own bindings first unless a text field has the focus, everything
// else to the top screen (and changes to every screen on the stack).
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		m.help.Width = msg.Width
		for i, s := range m.stack {
			m.stack[i] = s.resize(m.bodySize())
		}
		// The top screen may need more rows for the new size.
		var cmd tea.Cmd
		m.stack[len(m.stack)-1], cmd = m.top().update(resizedMsg{})
		return m, cmd
	case pushMsg:
		s := msg.s.resize(m.bodySize())
		m.stack = append(m.stack, s)
		return m, s.init()
	case switchMsg:
		s := msg.s.resize(m.bodySize())
		leave(m.stack...)
		m.stack = []screen{s}
		return m, s.init()
	case popMsg:
		if len(m.stack) > 1 {
			leave(m.top())
			m.stack = m.stack[:len(m.stack)-1]
			return m, nil
		}
		// Leaving the only screen (the welcome form) goes home.
		return m.Update(switchMsg{newWorklist(m.c)})
	case toastMsg:
		m.toast = msg
		return m, nil
	case gateMsg:
		return m, gate(m.c, m.top(), msg)
	case closeMsg:
		if len(m.stack) > 1 {
			leave(m.top())
			m.stack = m.stack[:len(m.stack)-1]
		}
		model, cmd := m.Update(doneMsg{text: msg.text, ref: msg.ref, err: msg.err})
		if msg.next != nil {
			s := msg.next.resize(m.bodySize())
			m.stack = append(m.stack, s)
			return model, tea.Batch(cmd, s.init())
		}
		return model, cmd
	case doneMsg:
		if msg.err != nil {
			m.toast = toastMsg{text: errorText(m.c.text, msg.err), err: true}
		} else {
			m.toast = toastMsg{text: msg.text}
		}
		model, cmd := m.Update(changedMsg{msg.ref})
		return model, tea.Batch(cmd, tellOthers(m.c, msg))
	case changedMsg, refreshTick:
		// Every screen on the stack hears of changes and of the refresh
		// tick, so the lists underneath stay current; the root alone arms
		// the next tick.
		var cmds []tea.Cmd
		if _, tick := msg.(refreshTick); tick {
			cmds = append(cmds, tickRefresh(m.c))
		}
		return m, tea.Batch(append(cmds, m.toEveryScreen(msg))...)
	case changesPushed:
		// Another session changed something: every screen looks again as
		// on the refresh tick (a referral reads its record only when its
		// version moved, so nothing is logged for nothing), the tick's
		// chain stays as it is, and the console listens again.
		return m, tea.Batch(m.toEveryScreen(refreshTick{}), waitChanges(m.c))
	case idleTick:
		return m.onIdleTick()
	case tea.KeyMsg:
		if m.onKeyWhileIdle() {
			return m, nil
		}
		return m.keyIn(msg)
	}
	var cmd tea.Cmd
	m.stack[len(m.stack)-1], cmd = m.top().update(msg)
	return m, cmd
}

// leave tells the screens leaving the stack that their work under way is
// no longer wanted.
func leave(screens ...screen) {
	for _, s := range screens {
		if l, ok := s.(leaver); ok {
			l.leave()
		}
	}
}

// toEveryScreen gives msg to every screen on the stack.
func (m *Model) toEveryScreen(msg tea.Msg) tea.Cmd {
	cmds := make([]tea.Cmd, 0, len(m.stack))
	for i, s := range m.stack {
		var cmd tea.Cmd
		m.stack[i], cmd = s.update(msg)
		cmds = append(cmds, cmd)
	}
	return tea.Batch(cmds...)
}

func (m *Model) handleKey(msg tea.KeyMsg) (tea.Model, tea.Cmd) {
	m.toast = toastMsg{}
	if m.confirmQuit {
		// Only the yes key (or ctrl+c again) quits; any other key, enter
		// too, keeps what was typed.
		m.confirmQuit = false
		if key.Matches(msg, m.quitKeys().Yes, m.keys.ForceQuit) {
			m.quitting = true
			return m, tea.Quit
		}
		return m, nil
	}
	if m.showHelp {
		// Any key closes the full help; it is an overlay, not a screen.
		m.showHelp = false
		return m, nil
	}
	top := m.top()
	if key.Matches(msg, m.keys.ForceQuit) {
		return m.quit()
	}
	if !top.capturing() {
		switch {
		case key.Matches(msg, m.keys.Quit):
			return m.quit()
		case key.Matches(msg, m.keys.Help):
			m.showHelp = true
			return m, nil
		case key.Matches(msg, m.keys.NextScreen) && len(m.stack) == 1:
			return m.nextTab()
		}
	}
	var cmd tea.Cmd
	m.stack[len(m.stack)-1], cmd = top.update(msg)
	return m, cmd
}

// quit leaves at once, or asks first when any screen holds unsaved input.
func (m *Model) quit() (tea.Model, tea.Cmd) {
	for _, s := range m.stack {
		if s.dirty() {
			m.confirmQuit = true
			return m, nil
		}
	}
	m.quitting = true
	return m, tea.Quit
}

// bodySize is the space screens draw in: the window minus the header line
// and the two footer lines.
func (m *Model) bodySize() (int, int) {
	return m.width, max(0, m.height-3)
}

// View draws the header, the top screen and the footer, or a notice when
// the terminal is smaller than the console needs.
func (m *Model) View() string {
	if m.width == 0 || m.ended {
		return "" // no size yet (the first WindowSizeMsg follows at once), or ended idle
	}
	t := m.c.text
	if m.width < minWidth || m.height < minHeight {
		notice := m.c.styles.Warning.Width(max(1, m.width-2)).Render(sprintf(t.TooSmall, minWidth, minHeight, m.width, m.height))
		return m.c.styles.r.Place(m.width, m.height, lipgloss.Center, lipgloss.Center, notice)
	}
	body := m.top().view()
	if m.showHelp {
		body = m.c.styles.Box.Render(m.help.FullHelpView(m.fullHelp()))
	}
	footer := m.footer()
	// A long status wraps (it was cut at the edge); while it shows, the
	// body gives up the lines it needs.
	bodyHeight := max(0, m.height-1-lipgloss.Height(footer))
	body = m.c.styles.Plain.Width(m.width).Height(bodyHeight).MaxHeight(bodyHeight).Render(body)
	return lipgloss.JoinVertical(lipgloss.Left, m.header(), body, footer)
}

func (m *Model) header() string {
	s, t := m.c.styles, m.c.text
	left := s.Header.Render("envei") + s.Subtle.Render(" · ") + s.Title.Render(m.top().title())
	right := s.HeaderUser.Render(m.c.user.Username + " (" + t.RoleName(m.c.user.Role) + ")")
	if m.c.test {
		right = s.TestBadge.Render(t.TestData) + " " + right
	}
	gap := max(1, m.width-lipgloss.Width(left)-lipgloss.Width(right))
	return left + strings.Repeat(" ", gap) + right
}

func (m *Model) footer() string {
	s, t := m.c.styles, m.c.text
	var status string
	switch {
	case m.idle.warned:
		status = s.Warning.Render(t.IdleWarning)
	case m.confirmQuit:
		status = s.Warning.Render(t.ConfirmQuit) // its keys are the help line below
	case m.toast.text != "" && m.toast.err:
		status = s.Error.Render(m.toast.text)
	case m.toast.text != "":
		status = s.Success.Render(m.toast.text)
	}
	status = m.c.styles.Plain.Width(m.width).MaxHeight(maxStatusLines).Render(status)
	return status + "\n" + m.help.ShortHelpView(m.shortHelp())
}

// shortHelp is the top screen's short help plus the global keys that work.
func (m *Model) shortHelp() []key.Binding {
	if m.confirmQuit {
		q := m.quitKeys()
		return []key.Binding{q.Yes, q.No}
	}
	out := m.top().keys().ShortHelp()
	if !m.top().capturing() {
		out = append(out, m.keys.Help, m.keys.Quit)
	}
	return out
}

func (m *Model) fullHelp() [][]key.Binding {
	out := m.top().keys().FullHelp()
	global := []key.Binding{m.keys.Back, m.keys.Help, m.keys.Quit, m.keys.ForceQuit}
	if len(m.stack) == 1 {
		global = append(global, m.keys.NextScreen)
	}
	return append(out, global)
}

// tabs are the top-level screens tab cycles through. The roster and the
// catalogue are shown to everyone; only admins can change them.
func (m *Model) tabs() []func(*common) screen {
	return []func(*common) screen{
		func(c *common) screen { return newWorklist(c) },
		func(c *common) screen { return newRosterScreen(c) },
		func(c *common) screen { return newServicesScreen(c) },
		func(c *common) screen { return newStatsScreen(c) },
	}
}

// quitKeys answer "quit with unsaved input?".
func (m *Model) quitKeys() answerKeys {
	return newAnswerKeys(m.c.text, m.c.text.KeyQuit, m.c.text.KeyKeepEditing)
}
