package tui

import (
	"strings"

	"envei/intake"
)

// messageLines shows the referral's transfer e-messages: to whom, when and
// by whom, and whether the receiver acknowledged or rejected it — with the
// receiver's errors, so the clinician sees what to put right.
func (v referralView) messageLines(b *strings.Builder) {
	ms := v.rec.Messages
	if len(ms) == 0 {
		return
	}
	s, t := v.c.styles, v.c.text
	b.WriteString("\n" + s.TableHead.Render(t.SectionMessages) + "\n")
	for _, m := range ms {
		to := t.MsgToGP
		if m.Receiver != "gp" {
			to = serviceNames(v.labels, []string{m.Receiver})
		}
		status := s.Subtle.Render(t.MsgSent)
		switch m.Status {
		case intake.ReceiptOK:
			status = s.Value.Render(t.MsgAcknowledged)
		case intake.ReceiptOKWithErrors:
			status = s.Warning.Render(t.MsgAckErrors)
		case intake.ReceiptRejected:
			status = s.Warning.Render(t.MsgRejected)
		}
		b.WriteString(s.Subtle.Render(t.Stamp(m.WrittenAt)+"  ") + s.Value.Render(pad(to, 28)) + status +
			s.Subtle.Render("  "+m.WrittenBy) + "\n")
		for _, e := range strings.Split(m.ReceiptError, "\n") {
			if e != "" {
				b.WriteString(s.Label.Render(pad("", 22)) + s.Warning.Render(e) + "\n")
			}
		}
	}
}
