package intake

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"envei/intake/doc"
)

// ReceptionName heads every note and letter the reception prints. It is a
// name, so it reads the same in both languages.
const ReceptionName = "En vei inn – felles psykisk helsemottak"

// Note formats. What a note says is decided here, once, as a document;
// intake/doc lays it out in each format.
const (
	NoteText     = "text" // plain text, aligned and wrapped to NoteWidth columns
	NoteMarkdown = "md"   // Markdown (CommonMark with GFM tables)
	NotePDF      = "pdf"  // A4 PDF (the bytes, as a string)
	NoteWidth    = 80     // columns of the text format
)

// Errors of the note renderers; they name the argument, never patient data.
var (
	ErrNoteFormat = errors.New(`note format must be "text", "md" or "pdf"`)
	ErrNoteLang   = errors.New(`note language must be "nb" or "en"`)
)

// NoteInput is everything a printed note or letter says, read by the store
// in one transaction. It is deliberately less than the referral record: no
// event trail, no random draw, no one who registered or looked at it, since
// the receiving service and the GP need none of that (GDPR art. 9: keep
// what the work needs).
type NoteInput struct {
	Row     ExportRow
	Details Details
	// Assessment is the latest completed version, nil when there is none
	// (the patient did not attend). Drafts are never printed: they are not
	// part of the record.
	Assessment *AssessmentVersion
	Services   []Service // the catalogue, for the labels of the outcomes
	// Clinician signs: whoever completed the assessment printed (the
	// latest completed version), else the assigned clinician, else the
	// person printing.
	Clinician Clinician
	// Decider is who made the rights decision (RightsAssessment.DecidedBy),
	// from the roster, so the note names a person rather than a login.
	Decider Clinician
	// GPLetter is the latest printing of the GP letter, zero when it was
	// never printed: the note says the GP was told, and when.
	GPLetter Printing
	Printed  Date
	Lang     string // "nb" or "en"

	// Consultations with the senior psychiatrist and the GP's office,
	// oldest first (note_consult.go decides what the note shows).
	Consultations []Consultation
}

// Printing is one printing of a document: the day in Oslo, and who.
type Printing struct {
	Day Date
	By  Clinician
}

// TransferNote renders the first-conversation note that goes with a
// transfer (the copy attached to the e-message): who the patient is and how
// to reach them and their GP, the referral, the findings, the instrument
// scores, the risk, the rights decision, the routing and the signature.
// The output depends on in alone, byte for byte.
func TransferNote(in NoteInput, format string) (string, error) {
	return renderNote(in, format, transferDoc)
}

// GPLetter renders the short letter that tells the GP the outcome of the
// first conversation and invites relevant information. It names the patient
// by name and birth date only: the GP has the national id, and a letter
// carries no more than it must.
func GPLetter(in NoteInput, format string) (string, error) {
	return renderNote(in, format, letterDoc)
}

// renderNote lays the document build makes of in out in format. The PDF
// is dated the day it is printed and carries the reference and the page
// on every page, so a loose page still says whose note it is.
func renderNote(in NoteInput, format string, build func(NoteInput, *noteLabels) doc.Document) (string, error) {
	L, err := labelsFor(in.Lang)
	if err != nil {
		return "", err
	}
	d := build(in, L)
	switch format {
	case NoteText:
		return d.Text(NoteWidth), nil
	case NoteMarkdown:
		return d.Markdown(), nil
	case NotePDF:
		var b strings.Builder
		ref := L.Reference + " " + in.Row.Referral.Ref
		err := d.PDF(&b, doc.PDFOptions{Created: in.Printed.Time(), Footer: func(page int) string {
			return ref + " · " + fmt.Sprintf(L.Page, page, doc.PageTotal)
		}})
		return b.String(), err
	}
	return "", ErrNoteFormat
}

// --- content -----------------------------------------------------------------

func transferDoc(in NoteInput, L *noteLabels) doc.Document {
	r, d := in.Row.Referral, in.Details
	note := doc.Document{Title: ReceptionName, Subtitle: L.TransferTitle, Style: doc.Form}

	note.Heading(L.Patient)
	id := field(L.NationalID, r.NationalID)
	if r.NationalID == "" {
		id = field(L.BirthDate, r.BirthDate.String())
	}
	note.Fields(
		field(L.Name, r.Name), id, field(L.Phone, d.Phone),
		field(L.Municipality, d.Municipality), field(L.GP, r.GP), field(L.GPPractice, d.GPPractice),
	)

	note.Heading(L.Referral)
	ref := []doc.Field{
		field(L.Reference, r.Ref), field(L.Received, r.Received.String()), field(L.WayIn, wayIn(r, L)), field(L.Reason, d.Reason),
	}
	if d.Urgent {
		ref = append(ref, field(L.Urgent, L.UrgentValue))
	}
	note.Fields(ref...)

	note.Heading(L.Conversation)
	conv := []doc.Field{field(L.Date, r.FirstConversation.String())}
	if d.ConversationMode != "" {
		conv = append(conv, field(L.Mode, modeLabel(d.ConversationMode, L)))
	}
	switch r.Attended {
	case AttendanceYes:
		conv = append(conv, field(L.Attendance, L.Attended))
	case AttendanceNo:
		conv = append(conv, field(L.Attendance, L.DidNotAttend))
	}
	if v := in.Assessment; v != nil {
		rec := L.Version + " " + strconv.Itoa(v.Version)
		if v.AmendmentReason != "" {
			rec += " (" + L.Amended + ")"
		}
		conv = append(conv, field(L.AssessmentRecord, rec+", "+stampDate(v.SavedAt)))
	}
	note.Fields(conv...)

	if v := in.Assessment; v != nil {
		findings(&note, v.Assessment, L)
		instruments(&note, v.Assessment, L)
		risk(&note, v.Risk, L)
		rights(&note, v.Rights, in, L)
	} else {
		note.Heading(L.Findings)
		note.Paragraph(L.NoAssessment)
		if r.Attended == AttendanceNo {
			note.Paragraph(L.NoAssessmentDNA)
		}
	}
	consultationSection(&note, in, L)

	note.Heading(L.Routing)
	if r.Routed.IsZero() {
		route := []doc.Field{field(L.Routed, L.NotRouted)}
		if v := in.Assessment; v != nil && len(v.Recommendation) > 0 {
			route = append(route, field(L.Recommended, serviceList(v.Recommendation, in)))
		}
		note.Fields(route...)
	} else {
		route := []doc.Field{
			field(L.Routed, r.Routed.String()),
			field(L.RoutedTo, serviceList(r.Outcomes, in)),
			field(L.Justification, d.RouteNote),
		}
		// The receiving service should know whether the GP has been
		// told, and since when.
		switch {
		case !in.GPLetter.Day.IsZero():
			route = append(route, field(L.GPInformed,
				fmt.Sprintf(L.GPLetterPrinted, in.GPLetter.Day.String(), clinicianName(in.GPLetter.By))))
		case d.GPToInform:
			route = append(route, field(L.GPInformed, L.GPNotYetInformed))
		}
		note.Fields(route...)
	}

	note.Signature(true, clinicianName(in.Clinician), clinicianRole(in.Clinician, L), ReceptionName,
		L.Printed+" "+in.Printed.String())
	return note
}

func findings(note *doc.Document, a Assessment, L *noteLabels) {
	note.Heading(L.Findings)
	for _, s := range []doc.Field{
		field(L.ReasonOwnWords, a.ReasonOwnWords), field(L.CurrentSituation, a.CurrentSituation),
		field(L.Duration, a.Duration), field(L.EarlierHelp, a.EarlierHelp), field(L.SomaticHealth, a.SomaticHealth),
		field(L.Medication, a.Medication), field(L.SubstanceUse, a.SubstanceUse),
		field(L.DailyFunctioning, a.DailyFunctioning), field(L.Network, a.Network),
	} {
		note.Entry(s.Label, s.Value)
	}
	note.Entry(L.MinorChildren, yesNo(a.MinorChildren, L))
	if a.MinorChildren == Yes {
		note.Entry(L.ChildrenFollowUp, a.ChildrenFollowUp)
	}
	note.Entry(L.Goals, a.Goals)
}

func instruments(note *doc.Document, a Assessment, L *noteLabels) {
	note.Heading(L.Instruments)
	var rows [][]string
	item9 := -1
	for _, i := range Instruments {
		name := instrumentName(i)
		ans, ok := a.Instruments[i]
		s, err := ScoreAnswers(i, ans)
		switch {
		case !ok:
			rows = append(rows, []string{name, doc.None, L.NotRecorded})
		case err != nil:
			rows = append(rows, []string{name, doc.None, L.Invalid})
		case ans.NotDone:
			rows = append(rows, []string{name, doc.None, L.NotDone + ": " + strings.Join(strings.Fields(ans.NotDoneReason), " ")})
		case s.Complete:
			rows = append(rows, []string{name, strconv.Itoa(s.Total) + " / " + strconv.Itoa(i.MaxTotal()), bandLabel(s.Band, L)})
		default:
			rows = append(rows, []string{name, doc.None, fmt.Sprintf(L.ItemsAnswered, s.Answered, i.ItemCount())})
		}
		// The flag stands even when the rest is not done: what the
		// patient answered to item 9 is what the receiving service must
		// not miss.
		if err == nil && s.Item9Flag {
			item9 = ans.Items[8]
		}
	}
	note.Table([]string{L.Instrument, L.Total, L.Band}, rows)
	if item9 > 0 {
		note.Warning(fmt.Sprintf(L.Item9Flag, item9))
	}
}

func risk(note *doc.Document, r Risk, L *noteLabels) {
	note.Heading(L.Risk)
	note.Fields(
		field(L.SuicideRisk, riskLabel(r.Suicide, L)),
		field(L.ProtectiveFactors, r.ProtectiveFactors),
		field(L.Plan, r.Plan),
		field(L.ViolenceRisk, riskLabel(r.Violence, L)),
		field(L.ViolenceNote, r.ViolenceNote),
	)
}

func rights(note *doc.Document, ra RightsAssessment, in NoteInput, L *noteLabels) {
	note.Heading(L.Rights)
	if ra.Right == NotAnswered {
		note.Paragraph(L.NoRights)
		return
	}
	f := []doc.Field{field(L.Right, yesNo(ra.Right, L))}
	if ra.Right == Yes {
		prio := doc.None
		switch ra.Priority {
		case PriorityOrdinary:
			prio = L.PriorityOrdinary
		case PriorityUrgent:
			prio = L.PriorityUrgent
		}
		f = append(f, field(L.LatestStart, ra.LatestStart.String()), field(L.Priority, prio))
	}
	decided := ra.DecidedAt.String()
	if ra.DecidedBy != "" {
		decided = strings.TrimSpace(decided + " " + L.DecidedBy + " " + decider(ra.DecidedBy, in))
	}
	f = append(f,
		field(L.ExpectedBenefit, ra.ExpectedBenefit),
		field(L.CostEffectiveness, ra.CostEffectiveness),
		field(L.Severity, ra.Severity),
		field(L.Decided, decided),
	)
	note.Fields(f...)
	if ra.Late {
		deadline := in.Row.Deadline.String()
		if deadline == "" {
			deadline = doc.None
		}
		note.Warning(fmt.Sprintf(L.Late, deadline))
	}
}

func letterDoc(in NoteInput, L *noteLabels) doc.Document {
	r, d := in.Row.Referral, in.Details
	note := doc.Document{Title: ReceptionName, Subtitle: L.LetterTitle, Style: doc.Form}

	to := r.GP
	if d.GPPractice != "" {
		to = strings.TrimPrefix(to+", "+d.GPPractice, ", ")
	}
	about := r.Name
	if born := birthDate(r); !born.IsZero() {
		about = strings.TrimPrefix(about+", "+L.Born+" "+born.String(), ", ")
	}
	note.Fields(
		field(L.To, to), field(L.About, about),
		field(L.Reference, r.Ref), field(L.Date, in.Printed.String()),
	)

	var receivers []string
	reception, noNeed := false, false
	for _, code := range r.Outcomes {
		svc := service(code, in.Services)
		switch {
		case svc.Category == CategoryReception:
			reception = true
			receivers = append(receivers, svc.Label(in.Lang))
		case code == ServiceNoNeed:
			noNeed = true
		case svc.Category != CategoryClosed:
			receivers = append(receivers, svc.Label(in.Lang))
		}
	}
	dna := r.Attended == AttendanceNo || r.HasOutcome(ServiceDidNotAttend)

	var invite string
	switch {
	case dna:
		note.Paragraph(fmt.Sprintf(L.LetterDNA, dateOrNone(r.FirstConversation)))
		if !r.Routed.IsZero() {
			note.Paragraph(L.LetterClosed)
		}
		invite = fmt.Sprintf(L.LetterInviteDNA, r.Ref)
	default:
		note.Paragraph(fmt.Sprintf(L.LetterSeen, dateOrNone(r.FirstConversation)))
		switch {
		case len(receivers) > 0:
			note.Paragraph(fmt.Sprintf(L.LetterRouted, joinAnd(receivers, L.And)))
		case noNeed:
			note.Paragraph(L.LetterNoNeed)
		default:
			note.Paragraph(L.LetterNotRouted)
		}
		if v := in.Assessment; v != nil {
			switch v.Rights.Right {
			case Yes:
				note.Paragraph(fmt.Sprintf(L.LetterRightYes, dateOrNone(v.Rights.LatestStart)))
			case No:
				note.Paragraph(L.LetterRightNo)
			}
		}
		// Information goes to whoever takes the patient on; the
		// reception stands in for itself, and for a patient not routed
		// yet.
		var sendTo []string
		for _, code := range r.Outcomes {
			if svc := service(code, in.Services); svc.Category != CategoryClosed && svc.Category != CategoryReception {
				sendTo = append(sendTo, svc.Label(in.Lang))
			}
		}
		if reception || len(sendTo) == 0 {
			sendTo = append(sendTo, L.TheReception)
		}
		if noNeed && len(receivers) == 0 {
			invite = fmt.Sprintf(L.LetterInviteNoNeed, r.Ref)
		} else {
			invite = fmt.Sprintf(L.LetterInvite, joinAnd(sendTo, L.And), r.Ref)
		}
	}
	note.Paragraph(invite)
	note.Paragraph(L.Regards)
	note.Signature(false, clinicianName(in.Clinician), clinicianRole(in.Clinician, L))
	// The database holds no address or telephone number of the
	// reception, so the contact line is its name and the reference.
	note.Paragraph(fmt.Sprintf(L.Contact, ReceptionName, r.Ref))
	return note
}

// --- words ---------------------------------------------------------------------

func wayIn(r Referral, L *noteLabels) string {
	if r.Channel != ChannelGP {
		return L.ChannelSelf
	}
	var to string
	switch r.AddressedTo {
	case AddressedDPS:
		to = L.AddrDPS
	case AddressedMunicipal:
		to = L.AddrMunicipal
	case AddressedSpecialist:
		to = L.AddrSpecialist
	default:
		return L.ChannelGP
	}
	return L.ChannelGP + " " + L.AddressedTo + " " + to
}

func modeLabel(m Mode, L *noteLabels) string {
	switch m {
	case ModeInPerson:
		return L.ModeInPerson
	case ModeVideo:
		return L.ModeVideo
	case ModePhone:
		return L.ModePhone
	}
	return string(m)
}

func yesNo(y YesNo, L *noteLabels) string {
	switch y {
	case Yes:
		return L.Yes
	case No:
		return L.No
	}
	return L.NotDecided
}

func riskLabel(r RiskLevel, L *noteLabels) string {
	switch r {
	case RiskNone:
		return L.RiskNone
	case RiskLow:
		return L.RiskLow
	case RiskModerate:
		return L.RiskModerate
	case RiskHigh:
		return L.RiskHigh
	}
	return L.RiskNotAssessed
}

func bandLabel(band string, L *noteLabels) string {
	switch band {
	case BandMinimal:
		return L.BandMinimal
	case BandMild:
		return L.BandMild
	case BandModerate:
		return L.BandModerate
	case BandModeratelySevere:
		return L.BandModeratelySevere
	case BandSevere:
		return L.BandSevere
	case BandZone1:
		return L.BandZone1
	case BandZone2:
		return L.BandZone2
	case BandZone3:
		return L.BandZone3
	case BandZone4:
		return L.BandZone4
	}
	return band
}

// instrumentName is the published name of an instrument, the same in both
// languages.
func instrumentName(i Instrument) string {
	switch i {
	case InstrumentPHQ9:
		return "PHQ-9"
	case InstrumentGAD7:
		return "GAD-7"
	case InstrumentAUDIT:
		return "AUDIT"
	}
	return string(i)
}

// service finds code in the catalogue. A code the catalogue lacks (it
// cannot, since services are retired rather than deleted) is shown as the
// code itself rather than dropped: a note must not lose a destination.
func service(code string, catalogue []Service) Service {
	for _, s := range catalogue {
		if s.Code == code {
			return s
		}
	}
	return Service{Code: code, LabelNB: code, LabelEN: code}
}

// serviceList puts one service a line: labels are long, and a transfer to
// two services must read as two.
func serviceList(codes []string, in NoteInput) string {
	labels := make([]string, len(codes))
	for k, c := range codes {
		labels[k] = service(c, in.Services).Label(in.Lang)
	}
	return strings.Join(labels, "\n")
}

// joinAnd lists items as a sentence does: "a", "a and b", "a, b and c".
// Service labels hold no commas in the default catalogue; a "; " would be
// safer for ones that do, but reads worse in the common case.
func joinAnd(items []string, and string) string {
	switch n := len(items); n {
	case 0:
		return ""
	case 1:
		return items[0]
	default:
		return strings.Join(items[:n-1], ", ") + " " + and + " " + items[n-1]
	}
}

func clinicianName(c Clinician) string {
	if c.Name != "" {
		return c.Name
	}
	return c.Username
}

func clinicianRole(c Clinician, L *noteLabels) string {
	switch c.Org {
	case OrgDPS:
		return L.ClinicianDPS
	case OrgMunicipal:
		return L.ClinicianMunicipal
	}
	return L.ClinicianNoOrg
}

// decider shows who made the rights decision by name, from the roster
// entry the store read (or the signer's, when it is the same person); a
// login the roster never held is shown as it is, rather than guessing a
// name.
func decider(username string, in NoteInput) string {
	for _, c := range []Clinician{in.Decider, in.Clinician} {
		if username == c.Username && c.Name != "" {
			return c.Name
		}
	}
	return username
}

// birthDate is the recorded birth date, else the one the national id
// encodes (a stored id has passed validation; synthetic ones only exist in
// a test database, so accepting them here admits nothing new).
func birthDate(r Referral) Date {
	if !r.BirthDate.IsZero() || r.NationalID == "" {
		return r.BirthDate
	}
	id, err := ParseNationalID(r.NationalID, true)
	if err != nil {
		return Date{}
	}
	return id.BirthDate
}

// stampDate turns a stored UTC timestamp into the day it was in Oslo.
func stampDate(stamp string) string {
	t, err := time.Parse(time.RFC3339, stamp)
	if err != nil {
		return stamp
	}
	return DateOf(t, Oslo).String()
}

// field is one labelled value of the note.
func field(label, value string) doc.Field { return doc.Field{Label: label, Value: value} }

func dateOrNone(d Date) string {
	if d.IsZero() {
		return doc.None
	}
	return d.String()
}
