package tui

import (
	"context"
	"strconv"
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"envei/intake"
)

// The store writes each event's detail once, in English and with codes
// ("first conversation 2026-11-22 09:00 in_person", "to dps+municipal"),
// for the trail. The referral view shows the details it knows in the
// user's words; a detail it does not know is shown as stored.

// serviceLabelsMsg carries the service catalogue's labels in the user's
// language, by code.
type serviceLabelsMsg struct{ labels map[string]string }

// loadServiceLabels reads the catalogue's labels (the catalogue can be
// edited, so they come from the store).
func loadServiceLabels(c *common) tea.Cmd {
	lang := string(c.lang)
	return call(c, func(ctx context.Context, b Backend) (map[string]string, error) {
		svcs, err := b.Services(ctx)
		labels := make(map[string]string, len(svcs))
		for _, s := range svcs {
			labels[s.Code] = s.Label(lang)
		}
		return labels, err
	}, func(labels map[string]string, err error) tea.Msg {
		if err != nil {
			return nil // the codes are shown instead
		}
		return serviceLabelsMsg{labels}
	})
}

// serviceNames are codes as labels, joined with " + ".
func serviceNames(labels map[string]string, codes []string) string {
	out := make([]string, len(codes))
	for i, code := range codes {
		out[i] = code
		if l, ok := labels[code]; ok {
			out[i] = l
		}
	}
	return strings.Join(out, " + ")
}

// eventDetail is e's detail in the user's words.
func eventDetail(t *Catalog, labels map[string]string, e intake.Event) string {
	d := e.Detail
	if _, _, _, ok := intake.ParseConsultationEvent(e); ok {
		return consultEventDetail(t, e)
	}
	switch e.Kind {
	case "scheduled":
		// "first conversation DAY HH:MM MODE"
		if f := strings.Fields(strings.TrimPrefix(d, "first conversation ")); len(f) == 3 {
			day := f[0]
			if parsed, err := intake.ParseDate(day); err == nil {
				day = t.Date(parsed)
			}
			return sprintf(t.EvScheduled, day, f[1], t.ModeName(intake.Mode(f[2])))
		}
	case "routed":
		if codes, ok := strings.CutPrefix(d, "to "); ok {
			return sprintf(t.EvRouted, serviceNames(labels, strings.Split(codes, "+")))
		}
	case "assigned", "reassigned":
		// "drew USER of N eligible[; reason: TEXT]"
		head, reason, hasReason := strings.Cut(d, "; reason: ")
		f := strings.Fields(head)
		if len(f) == 5 && f[0] == "drew" && f[2] == "of" {
			n, _ := strconv.Atoi(f[3])
			out := sprintf(t.EvDrew, f[1], n)
			if hasReason {
				out += "; " + sprintf(t.EvReason, reason)
			}
			return out
		}
	case "treatment_session":
		// "MINUTES min MODE[; past the six hours]"
		head, _, over := strings.Cut(d, "; ")
		if f := strings.Fields(head); len(f) == 3 && f[1] == "min" {
			n, _ := strconv.Atoi(f[0])
			out := hoursText(n) + ", " + t.SessionModeName(intake.SessionMode(f[2]))
			if over {
				out += "; " + t.TROver
			}
			return out
		}
	case "treatment_closed":
		return t.EpisodeOutcomeName(intake.EpisodeOutcome(d))
	case "assessment_completed", "assessment_amended":
		// "version N[: REASON][; rights decided after the deadline]"
		late := strings.HasSuffix(d, "; rights decided after the deadline")
		d = strings.TrimSuffix(d, "; rights decided after the deadline")
		num, reason, _ := strings.Cut(strings.TrimPrefix(d, "version "), ": ")
		if n, err := strconv.Atoi(num); err == nil {
			out := sprintf(t.EvVersion, n)
			if reason != "" {
				out += ": " + reason
			}
			if late {
				out += "; " + t.EvLate
			}
			return out
		}
	}
	return d
}
