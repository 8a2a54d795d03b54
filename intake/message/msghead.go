// Package message writes the transfer e-message — a Dialogmelding 1.1
// note in a MsgHead v1.2 envelope — and reads its AppRec 1.1 receipt.
// The element structs below follow the KITH schemas (see
// ../shared/standards/kith/ and MESSAGES.md) in their sequence order:
// encoding/xml writes fields in declaration order, and the schemas are
// strict about order.
package message

import "encoding/xml"

// Namespaces and code systems (OIDs 2.16.578.1.12.4.1.1.<n>).
const (
	NSMsgHead = "http://www.kith.no/xmlstds/msghead/2006-05-24"
	NSDialog  = "http://www.kith.no/xmlstds/dialog/2013-01-23"
	NSBase64  = "http://www.kith.no/xmlstds/base64container"
	NSAppRec  = "http://www.kith.no/xmlstds/apprec/2012-02-15"

	oidBase         = "2.16.578.1.12.4.1.1."
	csOrgIdent      = oidBase + "9051" // HER, ENH
	csPersonIdent   = oidBase + "8116" // FNR, DNR, HNR
	csNoteTopic     = oidBase + "7322" // TemaKodet in helsefaglig dialog
	csRoleToPatient = oidBase + "9034"

	MIGVersion = "v1.2 2006-05-24"
	TypeDialog = "DIALOG_HELSEFAGLIG"
)

type cs struct {
	V  string `xml:"V,attr,omitempty"`
	DN string `xml:"DN,attr,omitempty"`
}

type cv struct {
	V  string `xml:"V,attr,omitempty"`
	S  string `xml:"S,attr,omitempty"`
	DN string `xml:"DN,attr,omitempty"`
}

type ident struct {
	ID     string `xml:"Id"`
	TypeID cv     `xml:"TypeId"`
}

type msgHead struct {
	XMLName  xml.Name   `xml:"http://www.kith.no/xmlstds/msghead/2006-05-24 MsgHead"`
	MsgInfo  msgInfo    `xml:"MsgInfo"`
	Document []document `xml:"Document"`
}

type msgInfo struct {
	Type       cs           `xml:"Type"`
	MIGversion string       `xml:"MIGversion"`
	GenDate    string       `xml:"GenDate"`
	MsgID      string       `xml:"MsgId"`
	Ack        *cs          `xml:"Ack"`
	Sender     party        `xml:"Sender"`
	Receiver   party        `xml:"Receiver"`
	Patient    *patientElem `xml:"Patient"`
}

type party struct {
	Organisation organisation `xml:"Organisation"`
}

type organisation struct {
	OrganisationName string        `xml:"OrganisationName"`
	Ident            []ident       `xml:"Ident"`
	Organisation     *organisation `xml:"Organisation"`
}

type patientElem struct {
	FamilyName  string  `xml:"FamilyName,omitempty"`
	GivenName   string  `xml:"GivenName,omitempty"`
	DateOfBirth string  `xml:"DateOfBirth,omitempty"`
	Ident       []ident `xml:"Ident"`
}

type document struct {
	RefDoc refDoc `xml:"RefDoc"`
}

type refDoc struct {
	MsgType     cs      `xml:"MsgType"`
	MimeType    string  `xml:"MimeType,omitempty"`
	Description string  `xml:"Description,omitempty"`
	Content     content `xml:"Content"`
}

type content struct {
	Dialogmelding *dialogmelding   `xml:"http://www.kith.no/xmlstds/dialog/2013-01-23 Dialogmelding"`
	Base64        *base64Container `xml:"http://www.kith.no/xmlstds/base64container Base64Container"`
}

type dialogmelding struct {
	Notat notat `xml:"Notat"`
}

type notat struct {
	TemaKodet           cv           `xml:"TemaKodet"`
	Tema                string       `xml:"Tema,omitempty"`
	TekstNotatInnhold   string       `xml:"TekstNotatInnhold"`
	Merknad             string       `xml:"Merknad,omitempty"`
	DatoNotat           string       `xml:"DatoNotat,omitempty"`
	RollerRelatertNotat []rolleNotat `xml:"RollerRelatertNotat"`
}

type rolleNotat struct {
	RoleToPatient          *cv                `xml:"RoleToPatient"`
	HealthcareProfessional healthProfessional `xml:"HealthcareProfessional"`
}

// healthProfessional is the Dialogmelding's own element; its Ident would
// be in the felleskomponent1 namespace, but envei knows no HPR numbers and
// names the person only (Ident is optional here, unlike in MsgHead).
type healthProfessional struct {
	FamilyName string `xml:"FamilyName,omitempty"`
	GivenName  string `xml:"GivenName,omitempty"`
}

type base64Container struct {
	Data string `xml:",chardata"`
}
