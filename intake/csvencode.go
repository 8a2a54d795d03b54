package intake

import (
	"bufio"
	"encoding/csv"
	"errors"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"
)

// ExportRow is one referral as exported, with what the export computes from
// the database: the home organisation of the assigned clinician and the
// assessment deadline (Referral.AssessmentDeadline with the reception's
// calendar; zero when there is none).
type ExportRow struct {
	Referral     Referral
	ClinicianOrg Org
	Deadline     Date
}

// exportColumns is the export's header: the import columns, then the
// computed ones.
func exportColumns() []string {
	return append(append([]string(nil), ImportColumns...), ComputedColumns...)
}

// appendExportFields appends row's fields in the order of exportColumns. The
// encoders write what they are given; rows come from the store, which only
// holds referrals that passed ValidateReferral.
func appendExportFields(dst []string, row ExportRow) []string {
	r := row.Referral
	return append(dst,
		r.Ref,
		r.Received.String(),
		string(r.Channel),
		string(r.AddressedTo),
		r.NationalID,
		r.Name,
		r.BirthDate.String(),
		r.GP,
		r.Clinician,
		r.FirstConversation.String(),
		string(r.Attended),
		r.Assessed.String(),
		r.Routed.String(),
		// In the order the referral holds them: the store sorts them by
		// catalogue order, and an export must not reorder what it was given.
		strings.Join(r.Outcomes, OutcomeSeparator),
		r.Withdrawn.String(),
		r.GPHerID,
		string(r.State()),
		string(row.ClinicianOrg),
		row.Deadline.String(),
	)
}

// CSVEncoder writes the CSV interchange format: a header, then one record
// per referral; "," as delimiter, LF line ends, no BOM, fields quoted only
// when they must be.
type CSVEncoder struct {
	w      *csv.Writer
	header bool
	rec    []string
}

// NewCSVEncoder returns an encoder writing to w. Call Flush at the end.
func NewCSVEncoder(w io.Writer) *CSVEncoder {
	return &CSVEncoder{w: csv.NewWriter(w)}
}

func (e *CSVEncoder) writeHeader() error {
	if e.header {
		return nil
	}
	e.header = true
	return e.w.Write(exportColumns())
}

// Write writes one referral, after the header if it is the first.
func (e *CSVEncoder) Write(row ExportRow) error {
	if err := e.writeHeader(); err != nil {
		return err
	}
	e.rec = appendExportFields(e.rec[:0], row)
	return e.w.Write(e.rec)
}

// Flush writes any buffered data, and the header if nothing was written, so
// an empty export is still a valid file. It may be called more than once.
func (e *CSVEncoder) Flush() error {
	if err := e.writeHeader(); err != nil {
		return err
	}
	e.w.Flush()
	return e.w.Error()
}

// JSONEncoder writes the interchange format as a JSON array of objects, one
// object per line, keys the column names in export order and every value a
// string (dates as YYYY-MM-DD, "" when absent), so the output is
// deterministic and diffs line by line.
type JSONEncoder struct {
	w      *bufio.Writer
	n      int  // objects written
	closed bool // Flush has closed the array
	cols   []string
	rec    []string
	buf    []byte
}

// ErrEncoderClosed is returned by JSONEncoder.Write after Flush.
var ErrEncoderClosed = errors.New("intake: write after the JSON array was closed")

// NewJSONEncoder returns an encoder writing to w. Call Flush at the end: it
// closes the array.
func NewJSONEncoder(w io.Writer) *JSONEncoder {
	return &JSONEncoder{w: bufio.NewWriter(w), cols: exportColumns()}
}

// Write writes one referral as one object.
func (e *JSONEncoder) Write(row ExportRow) error {
	if e.closed {
		return ErrEncoderClosed
	}
	e.rec = appendExportFields(e.rec[:0], row)
	b := e.buf[:0]
	if e.n == 0 {
		b = append(b, "[\n{"...)
	} else {
		b = append(b, ",\n{"...)
	}
	for i, v := range e.rec {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendJSONString(b, e.cols[i])
		b = append(b, ':')
		b = appendJSONString(b, v)
	}
	b = append(b, '}')
	e.buf = b
	e.n++
	_, err := e.w.Write(b)
	return err
}

// Flush closes the array ("[]" when nothing was written) and writes any
// buffered data. Later calls only flush; Write after Flush is an error.
func (e *JSONEncoder) Flush() error {
	if !e.closed {
		e.closed = true
		if e.n == 0 {
			e.w.WriteString("[]\n")
		} else {
			e.w.WriteString("\n]\n")
		}
	}
	return e.w.Flush()
}

const hexDigits = "0123456789abcdef"

// appendJSONString appends s as a JSON string. Invalid UTF-8 becomes U+FFFD,
// as encoding/json does; U+2028 and U+2029 are escaped so the output is also
// valid JavaScript.
func appendJSONString(dst []byte, s string) []byte {
	dst = append(dst, '"')
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == '"', c == '\\':
				dst = append(dst, '\\', c)
			case c == '\n':
				dst = append(dst, `\n`...)
			case c == '\r':
				dst = append(dst, `\r`...)
			case c == '\t':
				dst = append(dst, `\t`...)
			case c < 0x20:
				dst = append(dst, `\u00`...)
				dst = append(dst, hexDigits[c>>4], hexDigits[c&0xF])
			default:
				dst = append(dst, c)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			dst = append(dst, `\ufffd`...)
		case r == '\u2028', r == '\u2029':
			dst = append(dst, `\u`...)
			dst = strconv.AppendInt(dst, int64(r), 16)
		default:
			dst = append(dst, s[i:i+size]...)
		}
		i += size
	}
	return append(dst, '"')
}
