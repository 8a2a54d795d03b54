package tui

import (
	"context"
	"errors"
	"strings"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/viewport"
	tea "github.com/charmbracelet/bubbletea"

	"envei/intake"
)

type referralKeys struct {
	list                              listKeys
	Assign, Schedule, Route, Withdraw key.Binding
	Assess, Session, CloseTreatment   key.Binding
	Note, GPLetter                    key.Binding
	Refresh                           key.Binding
	Consult                           key.Binding // o: senior psychiatrist or GP (consult.go)
	Messages                          key.Binding // m: the e-messages in one step (messagesend.go)
	RejectionHandled                  key.Binding // d: a rejected e-message dealt with another way (rejection.go)
	findFix                           findFixKeys // h, R, V, M (corrections.go)
}

// referralView shows everything about one referral and its timeline (enter).
type referralView struct {
	c      *common
	k      referralKeys
	ref    string
	rec    intake.ReferralRecord
	ep     intake.TreatmentEpisode // treatment in the reception, when routed there
	loaded bool
	err    error
	seq    int
	vp     viewport.Model
	labels map[string]string // service labels by code (timeline.go)
	width  int
	height int
}

// versionMsg is the referral's version as the store has it now, polled
// on the refresh tick to notice other clinicians' changes.
type versionMsg struct {
	seq     int
	version int64
}

type referralMsg struct {
	seq int
	rec intake.ReferralRecord
	ep  intake.TreatmentEpisode
	err error
}

func newReferralView(c *common, ref string) referralView {
	t := c.text
	return referralView{
		c: c, ref: ref, vp: viewport.New(0, 0),
		k: referralKeys{
			list:             newListKeys(t),
			Assign:           key.NewBinding(key.WithKeys("a"), key.WithHelp("a", t.KeyAssign)),
			Schedule:         key.NewBinding(key.WithKeys("s"), key.WithHelp("s", t.KeySchedule)),
			Route:            key.NewBinding(key.WithKeys("r"), key.WithHelp("r", t.KeyRoute)),
			Withdraw:         key.NewBinding(key.WithKeys("w"), key.WithHelp("w", t.KeyWithdraw)),
			Assess:           key.NewBinding(key.WithKeys("e"), key.WithHelp("e", t.KeyAssess)),
			Session:          key.NewBinding(key.WithKeys("t"), key.WithHelp("t", t.KeySession)),
			Note:             key.NewBinding(key.WithKeys("p"), key.WithHelp("p", t.KeyNote)),
			GPLetter:         key.NewBinding(key.WithKeys("l"), key.WithHelp("l", t.KeyGPLetter)),
			CloseTreatment:   key.NewBinding(key.WithKeys("c"), key.WithHelp("c", t.KeyCloseTreatment)),
			Refresh:          key.NewBinding(key.WithKeys("ctrl+r", "f5"), key.WithHelp("ctrl+r", t.KeyRefresh)),
			Consult:          key.NewBinding(key.WithKeys("o"), key.WithHelp("o", t.KeyConsult)),
			Messages:         key.NewBinding(key.WithKeys("m"), key.WithHelp("m", t.KeySendMessages)),
			RejectionHandled: key.NewBinding(key.WithKeys("d"), key.WithHelp("d", t.KeyRejectionHandled)),
			findFix:          newFindFixKeys(t),
		},
	}
}

func (v referralView) init() tea.Cmd { return tea.Batch(v.loadCmd(), loadServiceLabels(v.c)) }

func (v referralView) loadCmd() tea.Cmd {
	seq, ref, acc := v.seq, v.ref, v.c.access(v.ref)
	type loaded struct {
		rec intake.ReferralRecord
		ep  intake.TreatmentEpisode
	}
	return call(v.c, func(ctx context.Context, b Backend) (loaded, error) {
		rec, err := b.ReferralDetail(ctx, acc, ref)
		if err != nil || !rec.Row.Referral.HasOutcome(intake.ServiceReception) {
			return loaded{rec: rec}, err
		}
		ep, err := b.Treatment(ctx, acc, ref)
		return loaded{rec, ep}, err
	}, func(l loaded, err error) tea.Msg { return referralMsg{seq, l.rec, l.ep, err} })
}

func (v referralView) Update(msg tea.Msg) (referralView, tea.Cmd) {
	switch msg := msg.(type) {
	case serviceLabelsMsg:
		v.labels = msg.labels
		v.vp.SetContent(v.content())
		return v, nil
	case referralMsg:
		if msg.seq != v.seq {
			return v, nil
		}
		// The record was open and is no longer the user's by work need
		// (the registrar just drew a clinician, say): it closes rather
		// than stay on screen unlogged or ask for a reason unbidden.
		if v.loaded && v.err == nil && errors.Is(msg.err, intake.ErrNeedReason) {
			return v, pop
		}
		v.loaded, v.err, v.rec, v.ep = true, msg.err, msg.rec, msg.ep
		v.vp.SetContent(v.content())
		return v, nil
	case changedMsg:
		v.seq++
		return v, v.loadCmd()
	case refreshTick:
		// A cheap look at the version, which reads nothing of the patient
		// (and logs nothing); the record is read again only when it moved.
		if !v.loaded || v.err != nil {
			return v, nil
		}
		seq, ref := v.seq, v.ref
		return v, call(v.c, func(ctx context.Context, b Backend) (int64, error) {
			return b.ReferralVersion(ctx, ref)
		}, func(version int64, err error) tea.Msg {
			if err != nil {
				return nil
			}
			return versionMsg{seq, version}
		})
	case versionMsg:
		if msg.seq != v.seq || msg.version == v.rec.Version {
			return v, nil
		}
		v.seq++
		return v, v.loadCmd()
	case tea.KeyMsg:
		k := v.k
		switch {
		case msg.String() == "esc":
			return v, pop
		case key.Matches(msg, k.Refresh):
			v.seq++
			return v, v.loadCmd()
		}
		if cmd, ok := v.findFixKey(msg); ok {
			return v, cmd
		}
		if v.loaded && v.err == nil {
			r := v.rec.Row.Referral
			switch {
			case key.Matches(msg, k.Assign):
				return v, assignAction(v.c, v.ref, r.Clinician != "")
			case key.Matches(msg, k.Schedule):
				return v, scheduleAction(v.c, v.ref, r.State(), v.rec.Version)
			case key.Matches(msg, k.Route):
				return v, routeAction(v.c, v.ref)
			case key.Matches(msg, k.Assess):
				return v, assessAction(v.c, v.ref, r.State())
			case key.Matches(msg, k.Note):
				return v, openRecord(v.c, v.ref, func() screen { return newNoteScreen(v.c, v.ref, noteTransfer) })
			case key.Matches(msg, k.GPLetter):
				return v, openRecord(v.c, v.ref, func() screen { return newNoteScreen(v.c, v.ref, noteGPLetter) })
			// Every change goes through the gate too: the view was
			// opened on the work need, which may have changed since.
			case key.Matches(msg, k.Session) && v.inTreatment():
				sessions := v.ep.Sessions
				return v, openRecord(v.c, v.ref, func() screen { return newSession(v.c, v.ref, sessions) })
			case key.Matches(msg, k.CloseTreatment) && v.inTreatment():
				return v, openRecord(v.c, v.ref, func() screen { return newCloseTreatment(v.c, v.ref) })
			case key.Matches(msg, k.Consult):
				return v, consultAction(v.c, v.ref)
			case key.Matches(msg, k.Messages) && v.c.sendMessages != nil:
				labels := v.labels
				return v, openRecord(v.c, v.ref, func() screen { return newMessageSendScreen(v.c, v.ref, r, labels) })
			case key.Matches(msg, k.RejectionHandled) && intake.RejectionOutstanding(v.rec.Messages):
				return v, openRecord(v.c, v.ref, func() screen { return newRejectionHandled(v.c, v.ref) })
			case key.Matches(msg, k.Withdraw) && r.State().Open():
				version := v.rec.Version
				return v, openRecord(v.c, v.ref, func() screen { return newWithdraw(v.c, v.ref, version) })
			}
		}
		var cmd tea.Cmd
		v.vp, cmd = v.vp.Update(msg)
		return v, cmd
	}
	return v, nil
}

func (v referralView) update(msg tea.Msg) (screen, tea.Cmd) { return v.Update(msg) }
func (v referralView) title() string                        { return sprintf(v.c.text.ReferralTitle, v.ref) }
func (v referralView) capturing() bool                      { return false }
func (v referralView) dirty() bool                          { return false }
func (v referralView) resize(w, h int) screen {
	v.width, v.height = w, h
	v.vp.Width, v.vp.Height = w, h
	if v.loaded {
		v.vp.SetContent(v.content())
	}
	return v
}

func (v referralView) keys() help.KeyMap {
	k := v.k
	open := v.loaded && v.err == nil && v.rec.Row.Referral.State().Open()
	for _, b := range []*key.Binding{&k.Assign, &k.Schedule, &k.Route, &k.Withdraw} {
		b.SetEnabled(open)
	}
	k.Assess.SetEnabled(v.loaded && v.err == nil && v.rec.Row.Referral.Attended == intake.AttendanceYes)
	k.Session.SetEnabled(v.inTreatment())
	k.CloseTreatment.SetEnabled(v.inTreatment())
	k.Messages.SetEnabled(v.loaded && v.err == nil && v.c.sendMessages != nil && len(messageReceivers(v.rec.Row.Referral)) > 0)
	k.RejectionHandled.SetEnabled(v.loaded && v.err == nil && intake.RejectionOutstanding(v.rec.Messages))
	return bindings{
		short: []key.Binding{k.Assign, k.Schedule, k.Assess, k.Route, k.Note, k.Session, k.Withdraw},
		full: [][]key.Binding{{k.Assign, k.Schedule, k.Assess, k.Route, k.Withdraw, k.Refresh},
			{k.Note, k.GPLetter, k.Messages, k.RejectionHandled, k.Session, k.CloseTreatment, k.Consult},
			append([]key.Binding{k.list.Up, k.list.Down}, k.findFix.enabled(v.c, v.rec, v.loaded && v.err == nil).list()...)},
	}
}

func (v referralView) view() string {
	switch {
	case v.err != nil:
		return v.c.styles.Error.Render(errorText(v.c.text, v.err))
	case !v.loaded:
		return v.c.styles.Subtle.Render(v.c.text.Loading)
	}
	return v.vp.View()
}

// content lays out the referral: the next step first, then who, the
// referral, the first conversation, the routing, the timeline.
func (v referralView) content() string {
	if v.err != nil || !v.loaded {
		return ""
	}
	s, t := v.c.styles, v.c.text
	rec := v.rec
	r, d := rec.Row.Referral, rec.Details
	var b strings.Builder
	line := func(label, value string) {
		b.WriteString(s.Label.Render(pad(label, 22)) + s.Value.Render(dash(value)) + "\n")
	}
	state := r.State()
	next := t.StepName(state.Next())
	if next == "" {
		next = t.Nothing
	}
	b.WriteString(s.Title.Render(t.StateName(state)) + s.Subtle.Render("  →  ") + s.Value.Render(next))
	if d.Urgent {
		b.WriteString("  " + s.Urgent.Render(t.UrgentBadge))
	}
	b.WriteString("\n\n")
	b.WriteString(s.TableHead.Render(t.SectionPatient) + "\n")
	line(t.FieldName, r.Name)
	id := r.NationalID
	if id == "" && !r.BirthDate.IsZero() {
		id = t.NoNorwegianID + ", " + t.Date(r.BirthDate)
	}
	line(t.FieldNationalID, id)
	line(t.FieldPhone, d.Phone)
	line(t.FieldMunicipality, d.Municipality)
	line(t.FieldGP, strings.TrimSpace(r.GP+"  "+d.GPPractice))
	b.WriteString("\n" + s.TableHead.Render(t.SectionReferral) + "\n")
	way := t.ChannelName(r.Channel)
	if r.Channel == intake.ChannelGP {
		way += " → " + t.AddresseeName(r.AddressedTo)
	}
	line(t.ViewChannel, way)
	line(t.ColReceived, t.Date(r.Received))
	if !rec.Row.Deadline.IsZero() {
		line(t.FieldDeadline, t.Date(rec.Row.Deadline))
	}
	line(t.ViewReason, d.Reason)
	line(t.ColClinician, clinicianText(r.Clinician, t.OrgName(rec.Row.ClinicianOrg)))
	line(t.FieldRegisteredBy, d.RegisteredBy)
	b.WriteString("\n" + s.TableHead.Render(t.SectionConversation) + "\n")
	when := t.Date(r.FirstConversation)
	if when != "" && d.ConversationTime != "" {
		when += " " + d.ConversationTime
	}
	line(t.FieldDay, when)
	if d.ConversationMode != "" {
		line(t.FieldMode, t.ModeName(d.ConversationMode))
	}
	if r.Attended != intake.AttendanceUnknown {
		line(t.Attended, t.YesNo(r.Attended == intake.AttendanceYes))
	}
	if len(r.Outcomes) > 0 || !r.Withdrawn.IsZero() {
		b.WriteString("\n" + s.TableHead.Render(t.SectionOutcome) + "\n")
		if len(r.Outcomes) > 0 {
			line(t.ViewServices, serviceNames(v.labels, r.Outcomes))
			line(t.FieldJustification, d.RouteNote)
			line(t.ChargeLabel, chargeText(t, r))
			switch at, by := lastEvent(rec.Events, "gp_letter_printed"); {
			case at != "":
				// The flag stays set (it records that a letter was due);
				// the trail says it was done, when and by whom.
				line(t.FieldGP, sprintf(t.GPLetterPrinted, t.Stamp(at), by))
			case d.GPToInform:
				line(t.FieldGP, t.GPToBeInformed)
			}
		}
		if !r.Withdrawn.IsZero() {
			line(t.StateName(intake.StateWithdrawn), t.Date(r.Withdrawn))
		}
	}
	b.WriteString(v.correctionText())
	if r.HasOutcome(intake.ServiceReception) {
		b.WriteString("\n" + s.TableHead.Render(t.SectionTreatment) + "\n")
		used := usedText(t, v.ep.Sessions, 0)
		if intake.MinutesUsed(v.ep.Sessions) >= intake.TreatmentNearMinutes {
			used = s.Warning.Render(used)
		}
		b.WriteString(used + "\n")
		for _, se := range v.ep.Sessions {
			b.WriteString(s.Subtle.Render(t.Date(se.Date)+"  ") + s.Value.Render(hoursText(se.Minutes)+", "+t.SessionModeName(se.Mode)) + "\n")
		}
		if !v.ep.Closed.IsZero() {
			b.WriteString(s.Value.Render(sprintf(t.TRClosedOn, t.Date(v.ep.Closed), t.EpisodeOutcomeName(v.ep.Outcome))) + "\n")
		}
	}
	v.consultationLines(&b)
	v.messageLines(&b)
	b.WriteString("\n" + s.TableHead.Render(t.SectionTimeline) + "\n")
	for _, e := range rec.Events {
		b.WriteString(s.Subtle.Render(t.Stamp(e.At)+"  ") + s.Value.Render(pad(e.Actor, 14)+t.EventName(e.Kind)))
		if d := eventDetail(t, v.labels, e); d != "" {
			b.WriteString(s.Subtle.Render("  " + d))
		}
		b.WriteString("\n")
	}
	return s.Plain.Width(v.width).Render(b.String())
}

// lastEvent is the time and actor of the latest event of kind in the
// trail, "" when there is none.
func lastEvent(events []intake.Event, kind string) (at, actor string) {
	for k := len(events) - 1; k >= 0; k-- {
		if events[k].Kind == kind {
			return events[k].At, events[k].Actor
		}
	}
	return "", ""
}

func clinicianText(user, org string) string {
	if user == "" {
		return ""
	}
	if org == "" {
		return user
	}
	return user + " (" + org + ")"
}

// inTreatment reports whether the patient is in an open treatment episode
// in the reception.
func (v referralView) inTreatment() bool {
	return v.loaded && v.err == nil && v.rec.Row.Referral.HasOutcome(intake.ServiceReception) && v.ep.Closed.IsZero()
}
