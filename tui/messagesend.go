package tui

import (
	"context"
	"errors"
	"strings"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"envei/intake"
)

// MessageResult is one e-message the console's one-step sending wrote (its
// MsgId), or why it was not written.
type MessageResult struct {
	Receiver string // a service code, or "gp"
	MsgID    string
	Err      error
}

// messageReceivers are who a routed referral's e-messages go to: each
// service of the routing that is a transfer (not the reception itself, not
// a closed outcome), and the GP when there is one.
func messageReceivers(r intake.Referral) []string {
	var out []string
	for _, code := range r.Outcomes {
		switch code {
		case intake.ServiceReception, intake.ServiceNoNeed, intake.ServiceDidNotAttend:
			continue
		}
		out = append(out, code)
	}
	if strings.TrimSpace(r.GP) != "" && (!r.Routed.IsZero() || r.Attended == intake.AttendanceNo) {
		out = append(out, "gp")
	}
	return out
}

// messageSendScreen shows what goes to whom, asks once, then writes every
// message (Options.SendMessages) and shows what was written and what not.
type messageSendScreen struct {
	c         *common
	ref       string
	gp        string
	receivers []string
	labels    map[string]string
	answers   answerKeys
	sending   bool
	results   []MessageResult
	done      bool
}

type messagesSentMsg struct{ results []MessageResult }

func newMessageSendScreen(c *common, ref string, r intake.Referral, labels map[string]string) messageSendScreen {
	t := c.text
	return messageSendScreen{c: c, ref: ref, gp: r.GP, receivers: messageReceivers(r), labels: labels,
		answers: newAnswerKeys(t, t.KeyWrite, t.KeyKeepEditing)}
}

func (m messageSendScreen) init() tea.Cmd { return nil }

func (m messageSendScreen) Update(msg tea.Msg) (messageSendScreen, tea.Cmd) {
	switch msg := msg.(type) {
	case messagesSentMsg:
		m.sending, m.done, m.results = false, true, msg.results
		return m, nil
	case tea.KeyMsg:
		switch {
		case m.sending:
		case m.done:
			// Closing reports like a finished form: the referral view
			// underneath reloads once it is on top again.
			if msg.String() == "esc" || msg.String() == "enter" {
				return m, closeWith(closeMsg{text: sprintf(m.c.text.MsgSendDone, m.written(), len(m.results)), ref: m.ref})
			}
		case len(m.receivers) == 0:
			if msg.String() == "esc" || msg.String() == "enter" {
				return m, pop
			}
		case key.Matches(msg, m.answers.Yes):
			m.sending = true
			send, acc, ref, receivers := m.c.sendMessages, m.c.access(m.ref), m.ref, m.receivers
			return m, call(m.c, func(ctx context.Context, _ Backend) ([]MessageResult, error) {
				return send(ctx, acc, ref, receivers), nil
			}, func(r []MessageResult, _ error) tea.Msg { return messagesSentMsg{r} })
		case key.Matches(msg, m.answers.No):
			return m, pop
		}
	}
	return m, nil
}

// written counts the messages written.
func (m messageSendScreen) written() int {
	n := 0
	for _, r := range m.results {
		if r.Err == nil {
			n++
		}
	}
	return n
}

func (m messageSendScreen) receiverLine(code string) string {
	t := m.c.text
	if code == "gp" {
		return sprintf(t.MsgSendGP, m.gp)
	}
	return sprintf(t.MsgSendTransfer, serviceNames(m.labels, []string{code}))
}

func (m messageSendScreen) view() string {
	s, t := m.c.styles, m.c.text
	var b strings.Builder
	if len(m.receivers) == 0 {
		return s.Subtle.Render(t.MsgSendNone)
	}
	for _, code := range m.receivers {
		b.WriteString(s.Value.Render("  "+m.receiverLine(code)) + "\n")
	}
	b.WriteString("\n")
	switch {
	case m.done:
		for _, r := range m.results {
			if r.Err == nil {
				b.WriteString(s.Value.Render(sprintf(t.MsgSendWritten, m.receiverLine(r.Receiver))+"  "+r.MsgID) + "\n")
				continue
			}
			why := errorText(t, r.Err)
			if errors.Is(r.Err, intake.ErrMessageAddress) {
				why = t.MsgSendAddress
			}
			b.WriteString(s.Warning.Render(sprintf(t.MsgSendNotWritten, m.receiverLine(r.Receiver))) + "\n" +
				s.Subtle.Render("    "+why) + "\n")
		}
		b.WriteString("\n" + s.Title.Render(sprintf(t.MsgSendDone, m.written(), len(m.results))))
	case m.sending:
		b.WriteString(s.Subtle.Render(t.Loading))
	default:
		b.WriteString(s.Title.Render(t.MsgSendQuestion) + "\n" + s.Subtle.Render(m.answers.line(t)))
	}
	return b.String()
}

func (m messageSendScreen) update(msg tea.Msg) (screen, tea.Cmd) { return m.Update(msg) }
func (m messageSendScreen) title() string                        { return sprintf(m.c.text.MsgSendTitle, m.ref) }
func (m messageSendScreen) capturing() bool                      { return false }
func (m messageSendScreen) dirty() bool                          { return false }
func (m messageSendScreen) resize(w, h int) screen               { return m }
func (m messageSendScreen) keys() help.KeyMap {
	return bindings{short: []key.Binding{m.answers.Yes, m.answers.No}, full: [][]key.Binding{{m.answers.Yes, m.answers.No}}}
}
