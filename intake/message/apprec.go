package message

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"strings"
)

// AppRec status (code system 8258).
const (
	StatusOK            = "1"
	StatusRejected      = "2"
	StatusOKWithErrors  = "3"
	appRecMsgType       = "APPREC"
	maxReceiptBytes     = 1 << 20 // a receipt is a few kilobytes
	maxReceiptErrorText = 500
)

// ErrNotAppRec: the file is not an AppRec 1.1 envei can read.
var ErrNotAppRec = errors.New("not an AppRec 1.1 application receipt (namespace " + NSAppRec + ")")

// Receipt is what envei keeps of an application receipt.
type Receipt struct {
	OriginalMsgID string
	Status        string // 1, 2 or 3 (8258)
	Errors        []ReceiptError
}

// ReceiptError is one error the receiver reports (8221).
type ReceiptError struct{ Code, Text string }

// StatusWord names a status for people.
func StatusWord(status string) string {
	switch status {
	case StatusOK:
		return "acknowledged"
	case StatusRejected:
		return "rejected"
	case StatusOKWithErrors:
		return "acknowledged with errors"
	}
	return "sent"
}

type appRec struct {
	XMLName       xml.Name `xml:"http://www.kith.no/xmlstds/apprec/2012-02-15 AppRec"`
	MsgType       cs       `xml:"MsgType"`
	MIGversion    string   `xml:"MIGversion"`
	Status        cs       `xml:"Status"`
	Error         []cv     `xml:"Error"`
	OriginalMsgID struct {
		ID string `xml:"Id"`
	} `xml:"OriginalMsgId"`
}

// ParseAppRec reads an AppRec 1.1. Anything else — another document, a
// wrong namespace or version, an unknown status, no original MsgId — is
// ErrNotAppRec with what was wrong, never the file's content.
func ParseAppRec(r io.Reader) (Receipt, error) {
	data, err := io.ReadAll(io.LimitReader(r, maxReceiptBytes+1))
	if err != nil {
		return Receipt{}, err
	}
	if len(data) > maxReceiptBytes {
		return Receipt{}, errors.Join(ErrNotAppRec, errors.New("the file is larger than any receipt"))
	}
	var ar appRec
	dec := xml.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&ar); err != nil {
		return Receipt{}, errors.Join(ErrNotAppRec, errors.New("it is not XML with an AppRec root element"))
	}
	switch {
	case ar.MsgType.V != appRecMsgType:
		return Receipt{}, errors.Join(ErrNotAppRec, errors.New("MsgType is not APPREC"))
	case ar.MIGversion != "" && !strings.HasPrefix(ar.MIGversion, "v1.1"):
		return Receipt{}, errors.Join(ErrNotAppRec, errors.New("MIGversion is not v1.1"))
	case ar.Status.V != StatusOK && ar.Status.V != StatusRejected && ar.Status.V != StatusOKWithErrors:
		return Receipt{}, errors.Join(ErrNotAppRec, errors.New("Status is not 1, 2 or 3 (8258)"))
	case strings.TrimSpace(ar.OriginalMsgID.ID) == "":
		return Receipt{}, errors.Join(ErrNotAppRec, errors.New("it names no OriginalMsgId/Id"))
	}
	rc := Receipt{OriginalMsgID: strings.TrimSpace(ar.OriginalMsgID.ID), Status: ar.Status.V}
	for _, e := range ar.Error {
		text := e.DN
		if r := []rune(text); len(r) > maxReceiptErrorText {
			text = string(r[:maxReceiptErrorText])
		}
		rc.Errors = append(rc.Errors, ReceiptError{Code: e.V, Text: text})
	}
	return rc, nil
}
