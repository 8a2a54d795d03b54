package intake

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"
)

// MaxFieldBytes is the longest field the decoder accepts. Nothing in the
// format comes near it; the limit keeps a runaway quoted field (one stray
// quote swallows the rest of the file) from being held in memory.
const MaxFieldBytes = 64 << 10

// maxHeaderFields bounds the header record, and with MaxFieldBytes the
// memory a file that is not CSV at all can take. The format has 17 columns.
const maxHeaderFields = 64

// readBufferSize is the bufio buffer, which also bounds the header line.
const readBufferSize = 64 << 10

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// Column indexes, in the order of ImportColumns.
const (
	colRef = iota
	colReceived
	colChannel
	colAddressedTo
	colNationalID
	colName
	colBirthDate
	colGP
	colClinician
	colFirstConversation
	colAttended
	colAssessed
	colRouted
	colOutcomes
	colWithdrawn
	colGPHerID
	colIgnored = -1 // a computed column: accepted, not read
)

// Decoder reads referrals from the CSV interchange format, one record at a
// time: it holds one record and the set of references seen so far, never the
// file, so a file of a million rows streams through.
//
// It parses CSV itself rather than with encoding/csv, because encoding/csv
// holds a whole record in memory however long it grows (a stray quote makes
// the rest of the file one record) and reports a truncated record without
// the line it started on.
type Decoder struct {
	rr    recordReader
	rules ImportRules
	cols  []int          // column index of each field position, or colIgnored
	names []string       // header name of each field position
	seen  map[string]int // ref → line it was first used on
}

// NewDecoder reads and checks the header. Problems with the header are
// returned as RowErrors at line 1; a stream that cannot be read gives its
// error. rules.Today must be set.
func NewDecoder(r io.Reader, rules ImportRules) (*Decoder, error) {
	if rules.Today.IsZero() {
		// Without today every date would be "after today"; this is a bug in
		// the caller, not a problem with the file.
		return nil, errors.New("intake: NewDecoder needs ImportRules.Today")
	}
	br := bufio.NewReaderSize(r, readBufferSize)
	headerErr := func(reason string) error { return RowErrors{{Line: 1, Reason: reason}} }

	head, err := br.Peek(len(utf8BOM))
	if err != nil && err != io.EOF {
		return nil, fmt.Errorf("reading the header: %w", err)
	}
	switch {
	case bytes.HasPrefix(head, utf8BOM):
		br.Discard(len(utf8BOM))
	case bytes.HasPrefix(head, []byte{0xFF, 0xFE}), bytes.HasPrefix(head, []byte{0xFE, 0xFF}):
		// Excel's "Unicode text" is UTF-16; say what to do instead of
		// reporting a header of unknown columns.
		return nil, headerErr(`the file is UTF-16, not UTF-8: save it as "CSV UTF-8"`)
	}

	line, err := peekLine(br)
	if err != nil {
		return nil, fmt.Errorf("reading the header: %w", err)
	}
	if line == nil {
		return nil, headerErr("the header line is longer than 64 KiB")
	}
	comma := byte(',')
	commas, semis := bytes.Count(line, []byte{','}), bytes.Count(line, []byte{';'})
	switch {
	case commas > 0 && semis > 0:
		return nil, headerErr(`cannot tell the delimiter: the header has both "," and ";"`)
	case semis > 0:
		comma = ';' // Norwegian Excel writes ";" because "," is the decimal mark
	}

	d := &Decoder{
		rr:    recordReader{br: br, comma: comma, line: 1, maxFields: maxHeaderFields},
		rules: rules,
		seen:  make(map[string]int),
	}
	if _, err := d.rr.read(); err == io.EOF {
		return nil, headerErr("the file is empty: expected a header line")
	} else if err != nil {
		return nil, err
	}
	if err := d.readHeader(); err != nil {
		return nil, err
	}
	d.rr.maxFields = len(d.cols)
	return d, nil
}

// peekLine returns the first line of br without consuming it, without its
// line end. It returns nil, nil when no line end is found within the buffer.
func peekLine(br *bufio.Reader) ([]byte, error) {
	for n := 512; ; n *= 2 {
		n = min(n, br.Size())
		b, err := br.Peek(n)
		if i := bytes.IndexByte(b, '\n'); i >= 0 {
			return b[:i], nil
		}
		switch {
		case err == io.EOF:
			return b, nil
		case err != nil && err != bufio.ErrBufferFull:
			return nil, err
		case n == br.Size():
			return nil, nil
		}
	}
}

// readHeader checks the header record just read and maps its fields to
// columns. Header fields are described by position, never quoted: a file
// without a header has a patient's data in its first line.
func (d *Decoder) readHeader() error {
	var errs RowErrors
	add := func(col, reason string) { errs = append(errs, RowError{Line: 1, Column: col, Reason: reason}) }
	if p := d.rr.problem; p.reason != "" {
		add("", "header field "+fieldPos(p.field)+" "+p.reason)
		return errs
	}
	if d.rr.n > maxHeaderFields {
		add("", "the header has more than "+strconv.Itoa(maxHeaderFields)+" fields")
		return errs
	}
	index := make(map[string]int, len(ImportColumns)+len(ComputedColumns))
	for i, c := range ImportColumns {
		index[c] = i
	}
	for _, c := range ComputedColumns {
		index[c] = colIgnored
	}
	present := make(map[string]bool)
	for i := 0; i < d.rr.n; i++ {
		name := string(bytes.TrimSpace(d.rr.field(i)))
		col, known := index[name]
		switch {
		case name == "":
			add("", "header field "+fieldPos(i)+" is empty")
		case !known:
			add("", "header field "+fieldPos(i)+" is not a column of the format")
		case present[name]:
			add(name, "appears twice in the header")
		}
		present[name] = true
		d.cols = append(d.cols, col)
		d.names = append(d.names, name)
	}
	for _, c := range RequiredColumns {
		if !present[c] {
			add(c, "required column is missing from the header")
		}
	}
	if len(errs) > 0 {
		return errs
	}
	return nil
}

// fieldPos describes a field position as a spreadsheet user sees it:
// "3 (C)".
func fieldPos(i int) string {
	letters := ""
	for n := i + 1; n > 0; n = (n - 1) / 26 {
		letters = string(rune('A'+(n-1)%26)) + letters
	}
	return strconv.Itoa(i+1) + " (" + letters + ")"
}

// Next returns the next referral and the line its record starts on. At the
// end it returns io.EOF. A record with problems gives RowErrors, after which
// the caller may call Next again for the following record; any other error
// means the stream cannot be read and decoding must stop. Blank records
// (every field empty) are skipped.
func (d *Decoder) Next() (Referral, int, error) {
	for {
		line, err := d.rr.read()
		if err != nil {
			return Referral{}, line, err
		}
		if p := d.rr.problem; p.reason != "" {
			return Referral{}, line, RowErrors{{Line: line, Column: d.columnAt(p.field), Reason: p.reason}}
		}
		if !d.rr.nonBlank {
			continue
		}
		if d.rr.n != len(d.cols) {
			return Referral{}, line, RowErrors{{Line: line, Reason: "has " + strconv.Itoa(d.rr.n) +
				" fields, the header has " + strconv.Itoa(len(d.cols))}}
		}
		r, errs := d.decode(line)
		if len(errs) > 0 {
			return Referral{}, line, errs
		}
		return r, line, nil
	}
}

// columnAt names the column at a field position, or "" past the header.
func (d *Decoder) columnAt(i int) string {
	if i >= 0 && i < len(d.names) {
		return d.names[i]
	}
	return ""
}

// decode turns the current record into a referral. Each column is parsed
// first; only when all parse are the rules between them checked, so that a
// date that failed to parse is not also reported as missing.
func (d *Decoder) decode(line int) (Referral, RowErrors) {
	r := Referral{AddressedTo: AddressedNone}
	var errs RowErrors
	add := func(col int, reason string) {
		errs = append(errs, RowError{Line: line, Column: ImportColumns[col], Reason: reason})
	}
	date := func(col int, s string) Date {
		if s == "" {
			return Date{}
		}
		v, err := ParseDate(s)
		if err != nil {
			add(col, reasonDate)
		}
		return v
	}
	for i, col := range d.cols {
		if col == colIgnored {
			continue
		}
		raw := bytes.TrimSpace(d.rr.field(i))
		if !utf8.Valid(raw) {
			add(col, "is not UTF-8 text")
			continue
		}
		s := string(raw)
		switch col {
		case colRef:
			r.Ref = s
		case colReceived:
			r.Received = date(col, s)
		case colChannel:
			r.Channel = Channel(s)
		case colAddressedTo:
			switch a := Addressee(s); {
			case s == "":
			case a.Valid():
				r.AddressedTo = a
			default:
				add(col, reasonAddressee)
			}
		case colNationalID:
			r.NationalID = s
			// Spaces between digit groups are formatting, not content: keep
			// the 11 digits, so the same person has one spelling.
			if nid, err := ParseNationalID(s, d.rules.AllowSynthetic); s != "" && err == nil {
				r.NationalID = nid.Digits
			}
		case colName:
			r.Name = s
		case colBirthDate:
			r.BirthDate = date(col, s)
		case colGP:
			r.GP = s
		case colGPHerID:
			r.GPHerID = s
		case colClinician:
			r.Clinician = s
		case colFirstConversation:
			r.FirstConversation = date(col, s)
		case colAttended:
			r.Attended = Attendance(s)
		case colAssessed:
			r.Assessed = date(col, s)
		case colRouted:
			r.Routed = date(col, s)
		case colOutcomes:
			if s != "" {
				r.Outcomes = strings.Split(s, OutcomeSeparator)
				for j, o := range r.Outcomes {
					r.Outcomes[j] = strings.TrimSpace(o)
					if r.Outcomes[j] == "" {
						add(col, reasonOutcomeSep)
						break
					}
				}
			}
		case colWithdrawn:
			r.Withdrawn = date(col, s)
		}
	}
	if ValidRef(r.Ref) {
		if first, dup := d.seen[r.Ref]; dup {
			add(colRef, "must be unique: the same ref is on line "+strconv.Itoa(first))
		} else {
			d.seen[r.Ref] = line
		}
	}
	if len(errs) == 0 {
		for _, fe := range ValidateReferral(r, d.rules) {
			errs = append(errs, RowError{Line: line, Column: fe.Column, Reason: fe.Reason})
		}
	}
	return r, errs
}

// recordReader splits a stream into CSV records (RFC 4180 quoting, LF or
// CRLF line ends, a one-byte delimiter). It keeps at most maxFields fields of
// at most MaxFieldBytes each, so its memory is bounded whatever the input.
type recordReader struct {
	br        *bufio.Reader
	comma     byte
	line      int // line number of the next byte to be read
	maxFields int // fields past this are counted but not kept

	// The record last read.
	buf      []byte     // the kept fields' bytes, one after another
	ends     []int      // end offset in buf of each kept field
	n        int        // number of fields, kept or not
	nonBlank bool       // some field has a byte other than space, tab or CR
	problem  csvProblem // the first syntax problem, reason "" if none

	flen int   // bytes in the field being read, up to MaxFieldBytes+1
	err  error // sticky read error
}

// csvProblem is a syntax problem in one record.
type csvProblem struct {
	field  int // index of the field it is in
	reason string
}

// Parser states.
const (
	stFieldStart = iota // at the start of a field
	stUnquoted          // inside a field that did not start with a quote
	stQuoted            // inside a quoted field
	stQuote             // in a quoted field, just after a quote: "" or the end of the field
	stQuoteCR           // after a closing quote and a CR: only LF may follow
	stSkipLine          // after a syntax error: the rest of the line is dropped
)

// field returns the i-th kept field of the record last read. It is valid
// until the next read.
func (r *recordReader) field(i int) []byte {
	start := 0
	if i > 0 {
		start = r.ends[i-1]
	}
	return r.buf[start:r.ends[i]]
}

// run adds chunk[i:] up to the first of the three stop bytes (or the end)
// as field content, and returns the index of the last byte added.
func (r *recordReader) run(chunk []byte, i int, stop1, stop2, stop3 byte) int {
	j := i + 1
	for j < len(chunk) {
		if c := chunk[j]; c == stop1 || c == stop2 || c == stop3 {
			break
		}
		j++
	}
	r.addRun(chunk[i:j])
	return j - 1
}

// addRun adds bytes that are all field content, as add does one at a time.
// Most of a file is runs of plain text, and copying a run at once is what
// makes the decoder fast.
func (r *recordReader) addRun(b []byte) {
	if !r.nonBlank {
		for _, c := range b {
			if c != ' ' && c != '\t' && c != '\r' {
				r.nonBlank = true
				break
			}
		}
	}
	if r.n >= r.maxFields {
		return
	}
	if room := MaxFieldBytes - r.flen; len(b) > room {
		r.buf = append(r.buf, b[:max(room, 0)]...)
		r.flen = MaxFieldBytes
		r.add(b[len(b)-1]) // over the limit: report it
		return
	}
	r.buf = append(r.buf, b...)
	r.flen += len(b)
}

func (r *recordReader) add(c byte) {
	if c != ' ' && c != '\t' && c != '\r' {
		r.nonBlank = true
	}
	if r.n >= r.maxFields {
		return
	}
	if r.flen >= MaxFieldBytes {
		if r.flen == MaxFieldBytes {
			r.fail("is longer than 64 KiB")
			r.flen++
		}
		return
	}
	r.buf = append(r.buf, c)
	r.flen++
}

// endField ends the current field; atLineEnd drops the CR of a CRLF.
func (r *recordReader) endField(atLineEnd bool) {
	if r.n < r.maxFields {
		if atLineEnd && r.flen > 0 && r.flen <= MaxFieldBytes && r.buf[len(r.buf)-1] == '\r' {
			r.buf = r.buf[:len(r.buf)-1]
		}
		r.ends = append(r.ends, len(r.buf))
	}
	r.n++
	r.flen = 0
}

func (r *recordReader) fail(reason string) {
	if r.problem.reason == "" {
		r.problem = csvProblem{field: r.n, reason: reason}
	}
}

// read reads the next record and returns the line it starts on. It returns
// io.EOF when there is none, and a wrapped error when the stream fails. A
// malformed record is returned with problem set; reading resumes after it.
func (r *recordReader) read() (int, error) {
	start := r.line
	if r.err != nil {
		return start, r.err
	}
	r.buf, r.ends, r.n, r.nonBlank, r.problem, r.flen = r.buf[:0], r.ends[:0], 0, false, csvProblem{}, 0
	state := stFieldStart
	empty := true // nothing of this record read yet
	for {
		chunk, err := r.br.ReadSlice('\n')
		if len(chunk) > 0 {
			empty = false
		}
		done := false
		for i := 0; i < len(chunk); i++ {
			c := chunk[i]
			switch state {
			case stFieldStart:
				switch c {
				case '"':
					state = stQuoted
				case r.comma:
					r.endField(false)
				case '\n':
					r.endField(true)
					done = true
				default:
					state = stUnquoted
					i = r.run(chunk, i, r.comma, '"', '\n')
				}
			case stUnquoted:
				switch c {
				case r.comma:
					r.endField(false)
					state = stFieldStart
				case '\n':
					r.endField(true)
					done = true
				case '"':
					r.fail(`has a quote inside an unquoted field: quote the whole field and double the quote`)
					state = stSkipLine
				default:
					i = r.run(chunk, i, r.comma, '"', '\n')
				}
			case stQuoted:
				if c == '"' {
					state = stQuote
				} else {
					i = r.run(chunk, i, '"', '"', '"')
				}
			case stQuote:
				switch c {
				case '"':
					r.add(c)
					state = stQuoted
				case r.comma:
					r.endField(false)
					state = stFieldStart
				case '\n':
					r.endField(false)
					done = true
				case '\r':
					state = stQuoteCR
				default:
					r.fail("has text after the closing quote of a quoted field")
					state = stSkipLine
				}
			case stQuoteCR:
				if c == '\n' {
					r.endField(false)
					done = true
				} else {
					r.fail("has text after the closing quote of a quoted field")
					state = stSkipLine
				}
			case stSkipLine:
				done = c == '\n'
			}
		}
		if len(chunk) > 0 && chunk[len(chunk)-1] == '\n' {
			r.line++
		}
		switch {
		case done:
			return start, nil
		case err == nil, err == bufio.ErrBufferFull:
			continue // a line end inside quotes, or a line longer than the buffer
		case err != io.EOF:
			r.err = fmt.Errorf("reading line %d: %w", r.line, err)
			return start, r.err
		case empty:
			return start, io.EOF
		}
		// The last record has no line end.
		switch state {
		case stQuoted:
			r.fail("has a quoted field that is not closed before the end of the file")
		case stFieldStart, stUnquoted:
			r.endField(true)
		case stQuote, stQuoteCR:
			r.endField(false)
		}
		return start, nil
	}
}
