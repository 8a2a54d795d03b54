package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/binary"
	"fmt"
	"math"
	"strings"
)

// The records that must not change quietly — the event trail, the access
// log, the random draws and the completed assessment versions — are hash
// chains (issue 11): each link holds SHA-256 over its own content and the
// previous link's hash, so a row changed, deleted or put in between breaks
// the chain where it happened, and `envei check` names the place. The
// chains cannot stop the file's owner from rewriting everything from some
// row on; an anchor written down elsewhere (`envei check --anchor`) shows
// that.
//
// Links are appended inside the write transaction that writes the row
// (appendLink), which already holds the write lock: finding the head costs
// one index lookup, and readers, on their WAL snapshots, never wait for it.

// chainDomain is hashed first in every link: the version of this encoding.
const chainDomain = "envei-chain-1"

// hashSize is the length of every link's hash.
const hashSize = sha256.Size

// chainSpec describes one chain. Its values are never changed after the
// package is initialised.
type chainSpec struct {
	name  string   // how check names it; hashed into every link
	table string   // the table whose rows are the links
	key   string   // the column that orders the chain: each link is key+1
	cols  []string // the content hashed after the key, in this order
	// what names a row of the chain in a report (never its content).
	what string
}

var (
	eventsChain = &chainSpec{
		name: "events", table: "events", key: "id", what: "events id",
		cols: []string{"at", "actor", "referral_id", "kind", "detail"},
	}
	accessChain = &chainSpec{
		name: "access_log", table: "access_log", key: "id", what: "access_log id",
		cols: []string{"at", "actor", "role", "referral_id", "what", "basis", "reason",
			"scope_from", "scope_to", "scope_min_id", "scope_max_id"},
	}
	drawsChain = &chainSpec{
		name: "draws", table: "draws", key: "id", what: "draws id",
		cols: []string{"referral_id", "eligible", "drawn", "drawn_by", "drawn_at", "reason"},
	}
	// A completed assessment version is sealed by a row of
	// assessment_seals: its own table, because a version becomes completed
	// after it was written (a draft saved over), so the order of
	// completion is not the order of the assessments' ids. The seal's
	// hash covers the whole assessment row, its id first.
	sealsChain = &chainSpec{
		name: "assessments", table: "assessment_seals", key: "seq", what: "assessment_seals seq",
		cols: assessmentContent,
	}
)

// assessmentContent is what a seal covers: every column of the
// assessment row.
var assessmentContent = []string{"id", "referral_id", "version", "status", "body", "author", "saved_at", "amendment_reason"}

// chains lists every chain in the order the anchor combines them.
func chains() []*chainSpec {
	return []*chainSpec{eventsChain, accessChain, drawsChain, sealsChain}
}

// genesis is the "previous hash" of a chain's first link: 32 zero bytes.
func genesis() []byte { return make([]byte, hashSize) }

// linkHash is SHA-256 over the chain's name, the previous link's hash, the
// key and the content, each field tagged with its type and prefixed with
// its length, so no two different rows encode alike (naive concatenation
// would hash "ab","c" like "a","bc").
func linkHash(chain string, prev []byte, key int64, values []any) []byte {
	buf := make([]byte, 0, 256)
	buf = appendField(buf, chainDomain)
	buf = appendField(buf, chain)
	if prev == nil {
		prev = genesis()
	}
	buf = appendField(buf, prev)
	buf = appendField(buf, key)
	for _, v := range values {
		buf = appendField(buf, v)
	}
	sum := sha256.Sum256(buf)
	return sum[:]
}

// appendField encodes one value: a type tag, the length (8 bytes, big
// endian) and the bytes. Values come as the driver returns them (int64,
// string, []byte, nil) or as the writers bind them (also int, bool).
func appendField(buf []byte, v any) []byte {
	var tag byte
	var body []byte
	switch x := v.(type) {
	case nil:
		tag = 'n'
	case int64:
		tag, body = 'i', binary.BigEndian.AppendUint64(nil, uint64(x))
	case int:
		tag, body = 'i', binary.BigEndian.AppendUint64(nil, uint64(int64(x)))
	case bool:
		var n uint64
		if x {
			n = 1
		}
		tag, body = 'i', binary.BigEndian.AppendUint64(nil, n)
	case string:
		tag, body = 't', []byte(x)
	case []byte:
		tag, body = 'b', x
	case float64:
		// No chained column is REAL; a REAL where an integer or text
		// belongs is a change, and is hashed as what it is.
		tag, body = 'r', binary.BigEndian.AppendUint64(nil, math.Float64bits(x))
	default:
		panic(fmt.Sprintf("chain: cannot hash a %T", v)) // a programming error in a writer
	}
	buf = append(buf, tag)
	buf = binary.BigEndian.AppendUint64(buf, uint64(len(body)))
	return append(buf, body...)
}

// chainHead returns the chain's highest key and the hash the next link
// chains onto: the last hash written. One simple query, as it runs in
// every write; only when the last row has no hash (put there by something
// other than envei, which check reports) does a second look further back.
func chainHead(ctx context.Context, tx *Tx, ch *chainSpec) (int64, []byte, error) {
	var last int64
	var prev []byte
	err := tx.QueryRowContext(ctx, ch.headSQL()).Scan(&last, &prev)
	switch {
	case err == sql.ErrNoRows:
		return 0, nil, nil
	case err != nil:
		return 0, nil, err
	case prev == nil:
		err = tx.QueryRowContext(ctx, fmt.Sprintf(`SELECT hash FROM %s WHERE hash IS NOT NULL ORDER BY %s DESC LIMIT 1`,
			ch.table, ch.key)).Scan(&prev)
		if err == sql.ErrNoRows {
			err = nil
		}
	}
	return last, prev, err
}

// headSQL reads the last row's key and hash.
func (ch *chainSpec) headSQL() string {
	return "SELECT " + ch.key + ", hash FROM " + ch.table + " ORDER BY " + ch.key + " DESC LIMIT 1"
}

// appendLink inserts one row of ch's table as the chain's next link: the
// key after the highest, and the hash over values (ch.cols, in order)
// chained onto the head. It returns the key.
func appendLink(ctx context.Context, tx *Tx, ch *chainSpec, values ...any) (int64, error) {
	if len(values) != len(ch.cols) {
		panic(fmt.Sprintf("chain %s: %d values for %d columns", ch.name, len(values), len(ch.cols)))
	}
	last, prev, err := chainHead(ctx, tx, ch)
	if err != nil {
		return 0, err
	}
	key := last + 1
	args := make([]any, 0, len(values)+2)
	args = append(args, key)
	args = append(args, values...)
	args = append(args, linkHash(ch.name, prev, key, values))
	_, err = tx.ExecContext(ctx, ch.insertSQL(), args...)
	return key, err
}

// insertSQL inserts the key, the content columns and the hash.
func (ch *chainSpec) insertSQL() string {
	marks := strings.TrimSuffix(strings.Repeat("?, ", len(ch.cols)+2), ", ")
	return fmt.Sprintf(`INSERT INTO %s (%s, %s, hash) VALUES (%s)`, ch.table, ch.key, strings.Join(ch.cols, ", "), marks)
}

// appendDraw records a random draw as the next link of the draws chain.
func appendDraw(ctx context.Context, tx *Tx, referralID int64, eligible, drawn, drawnBy, drawnAt, reason string) error {
	_, err := appendLink(ctx, tx, drawsChain, referralID, eligible, drawn, drawnBy, drawnAt, reason)
	return err
}

// sealAssessment seals the completed version of a referral's assessment:
// the next link of the assessments chain covers the whole row as stored.
func sealAssessment(ctx context.Context, tx *Tx, referralID int64, version int) error {
	content := make([]any, len(assessmentContent))
	ptrs := make([]any, len(content))
	for i := range content {
		ptrs[i] = &content[i]
	}
	err := tx.QueryRowContext(ctx, `SELECT `+strings.Join(assessmentContent, ", ")+`
		FROM assessments WHERE referral_id = ? AND version = ?`, referralID, version).Scan(ptrs...)
	if err != nil {
		return err
	}
	last, prev, err := chainHead(ctx, tx, sealsChain)
	if err != nil {
		return err
	}
	seq := last + 1
	_, err = tx.ExecContext(ctx, `INSERT INTO assessment_seals (seq, assessment_id, hash) VALUES (?, ?, ?)`,
		seq, content[0], linkHash(sealsChain.name, prev, seq, content))
	return err
}
