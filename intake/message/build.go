package message

import (
	"bytes"
	"encoding/base64"
	"encoding/xml"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"envei/intake"
)

// Input is everything one message says. The store fills it in one
// transaction with the access and the trail entry that record it.
type Input struct {
	MsgID   string    // a UUID, kept to match the receipt
	GenDate time.Time // when it was written
	Sender  intake.Address
	// Receiver is the receiving unit (a service's, or the GP's office).
	Receiver intake.Address
	// ToGP: the receiver is the patient's GP, named GPName (role 6
	// Fastlege in the note's roles).
	ToGP   bool
	GPName string
	// The patient: name as registered, birth date, national id ("" when
	// unknown: the message then names the patient by name and birth date).
	PatientName string
	BirthDate   intake.Date
	NationalID  string
	// Clinician signs the note.
	Clinician intake.Clinician
	// Subject is the note's subject line (Tema); Text the note as plain text.
	Subject string
	Text    string
	Day     intake.Date // the note's date
	// PDF, when not nil, goes with the message as an attachment.
	PDF            []byte
	PDFDescription string
}

// Errors of the writer; none quotes patient data.
var (
	ErrForbiddenChar = errors.New("the text holds a character XML 1.0 forbids (a control character); the message was not written")
	ErrEmptyNote     = errors.New("the note is empty; a message without its note is not written")
	ErrNoPatient     = errors.New("the patient has neither a name nor a national id; record one first")
	ErrNoMsgID       = errors.New("a message needs its MsgId")
)

// NoIDRemark is the note's remark when the patient has no national id on
// record: the receiver must know the identity rests on name and birth date.
const NoIDRemark = "Pasienten har ikke fødselsnummer eller D-nummer registrert hos avsender; identifisert med navn og fødselsdato."

// Build writes the MsgHead document for in. It refuses rather than emit
// a character XML 1.0 forbids, and an empty note (schema-valid, but
// nothing for the receiver).
func Build(in Input) ([]byte, error) {
	if in.MsgID == "" {
		return nil, ErrNoMsgID
	}
	if strings.TrimSpace(in.Text) == "" {
		return nil, ErrEmptyNote
	}
	patient, err := patientOf(in)
	if err != nil {
		return nil, err
	}
	for _, s := range []string{in.Text, in.Subject, in.PatientName, in.Sender.Name, in.Receiver.Name, in.GPName,
		in.Clinician.Name, in.PDFDescription, in.NationalID, in.Sender.HerID, in.Receiver.HerID} {
		if !XMLSafe(s) {
			return nil, ErrForbiddenChar
		}
	}
	role := rolleNotat{HealthcareProfessional: personName(in.Clinician.Name, in.Clinician.Username)}
	notat := notat{
		TemaKodet:           cv{V: "6", S: csNoteTopic, DN: "Henvendelse om pasient"},
		Tema:                in.Subject,
		TekstNotatInnhold:   in.Text,
		RollerRelatertNotat: []rolleNotat{role},
	}
	if in.NationalID == "" {
		notat.Merknad = NoIDRemark
	}
	if in.ToGP && strings.TrimSpace(in.GPName) != "" {
		notat.RollerRelatertNotat = append(notat.RollerRelatertNotat, rolleNotat{
			RoleToPatient:          &cv{V: "6", S: csRoleToPatient, DN: "Fastlege"},
			HealthcareProfessional: personName(in.GPName, ""),
		})
	}
	if !in.Day.IsZero() {
		notat.DatoNotat = in.Day.String()
	}
	head := msgHead{
		MsgInfo: msgInfo{
			Type:       cs{V: TypeDialog, DN: "Helsefaglig dialog"},
			MIGversion: MIGVersion,
			GenDate:    in.GenDate.In(intake.Oslo).Format("2006-01-02T15:04:05"),
			MsgID:      in.MsgID,
			Ack:        &cs{V: "J", DN: "Ja"},
			Sender:     party{Organisation: orgOf(in.Sender)},
			Receiver:   party{Organisation: orgOf(in.Receiver)},
			Patient:    patient,
		},
		Document: []document{{RefDoc: refDoc{
			MsgType: cs{V: "XML", DN: "XML-instans"},
			Content: content{Dialogmelding: &dialogmelding{Notat: notat}},
		}}},
	}
	if in.PDF != nil {
		head.Document = append(head.Document, document{RefDoc: refDoc{
			MsgType:     cs{V: "A", DN: "Vedlegg"},
			MimeType:    "application/pdf",
			Description: in.PDFDescription,
			Content:     content{Base64: &base64Container{Data: base64.StdEncoding.EncodeToString(in.PDF)}},
		}})
	}
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	enc := xml.NewEncoder(&buf)
	enc.Indent("", "  ")
	if err := enc.Encode(head); err != nil {
		return nil, fmt.Errorf("writing the message: %w", err)
	}
	buf.WriteByte('\n')
	return buf.Bytes(), nil
}

// orgOf is an address as an Organisation: its name, then its HER-id and
// organisation number (9051: HER, ENH).
func orgOf(a intake.Address) organisation {
	o := organisation{OrganisationName: a.Name}
	o.Ident = append(o.Ident, ident{ID: a.HerID, TypeID: cv{V: "HER", S: csOrgIdent, DN: "Identifikator fra Helsetjenesteenhetsregisteret"}})
	if a.OrgNumber != "" {
		o.Ident = append(o.Ident, ident{ID: a.OrgNumber, TypeID: cv{V: "ENH", S: csOrgIdent, DN: "Organisasjonsnummeret i Enhetsregisteret"}})
	}
	return o
}

// patientOf names the patient: family and given names, birth date and the
// national id under 8116 (FNR, DNR, or HNR for an H-number).
func patientOf(in Input) (*patientElem, error) {
	name := strings.TrimSpace(in.PatientName)
	if name == "" && in.NationalID == "" {
		return nil, ErrNoPatient
	}
	hp := personName(name, "")
	p := &patientElem{FamilyName: hp.FamilyName, GivenName: hp.GivenName}
	if !in.BirthDate.IsZero() {
		p.DateOfBirth = in.BirthDate.String()
	}
	if in.NationalID != "" {
		kind, dn := "FNR", "Fødselsnummer"
		if id, err := intake.ParseNationalID(in.NationalID, true); err == nil {
			switch id.Kind {
			case intake.IDDNumber:
				kind, dn = "DNR", "D-nummer"
			case intake.IDHNumber:
				kind, dn = "HNR", "H-nummer"
			}
		}
		p.Ident = []ident{{ID: in.NationalID, TypeID: cv{V: kind, S: csPersonIdent, DN: dn}}}
	}
	return p, nil
}

// personName splits a full name into given names and the family name (the
// last word), as Norwegian names are written. A single word is the family
// name; with no name at all, fallback (a username) stands in.
func personName(full, fallback string) healthProfessional {
	words := strings.Fields(full)
	switch len(words) {
	case 0:
		return healthProfessional{FamilyName: fallback}
	case 1:
		return healthProfessional{FamilyName: words[0]}
	}
	return healthProfessional{
		FamilyName: words[len(words)-1],
		GivenName:  strings.Join(words[:len(words)-1], " "),
	}
}

// XMLSafe reports whether s is valid UTF-8 holding only characters XML 1.0
// allows: tab, line feed, carriage return, and U+0020 upwards except the
// surrogates and U+FFFE/U+FFFF. encoding/xml would silently replace any
// other with U+FFFD; the writer refuses instead.
func XMLSafe(s string) bool {
	if !utf8.ValidString(s) {
		return false
	}
	for _, r := range s {
		switch {
		case r == '\t' || r == '\n' || r == '\r':
		case r >= 0x20 && r <= 0xD7FF:
		case r >= 0xE000 && r <= 0xFFFD:
		case r >= 0x10000 && r <= 0x10FFFF:
		default:
			return false
		}
	}
	return true
}
