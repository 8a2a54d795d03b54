package store

import "strings"

// copyTable is one table envei copy carries, and the columns that order
// its rows: the primary key. text marks a key of text, which PostgreSQL
// must compare byte by byte (COLLATE "C") to order it as SQLite does, so
// both engines read the rows, and digest them, in the same order.
type copyTable struct {
	name string
	key  []string
	text []bool // per key column
}

// copyTables lists every table of the schema in an order in which each
// table's foreign keys point only at tables before it (the one exception,
// referrals.merged_into pointing forward at a later referral, is filled
// in after the referrals: copyReferralsForward). envei_schema (PostgreSQL's
// schema version) is made by the destination's migrations, not copied.
// TestCopyTablesAreTheSchema fails when a migration adds a table that is
// not listed here.
func copyTables() []copyTable {
	id := func(name string) copyTable { return copyTable{name: name, key: []string{"id"}, text: []bool{false}} }
	return []copyTable{
		{name: "settings", key: []string{"key"}, text: []bool{true}},
		id("clinicians"),
		{name: "services", key: []string{"code"}, text: []bool{true}},
		id("referrals"),
		{name: "referral_outcomes", key: []string{"referral_id", "service_code"}, text: []bool{false, true}},
		id("draws"),
		id("events"),
		id("assessments"),
		{name: "assessment_seals", key: []string{"seq"}, text: []bool{false}},
		id("treatment_sessions"),
		id("access_log"),
		id("consultations"),
		id("routings"),
		id("ssh_keys"),
		id("messages"),
		{name: "message_rejections_handled", key: []string{"message_id"}, text: []bool{false}},
	}
}

// orderBy is the ORDER BY of t's rows on the engine of tx.
func (t copyTable) orderBy(tx *Tx) string {
	_, pg := tx.eng.(*postgresEngine)
	parts := make([]string, len(t.key))
	for i, k := range t.key {
		parts[i] = k
		if t.text[i] && pg {
			parts[i] += ` COLLATE "C"`
		}
	}
	return " ORDER BY " + strings.Join(parts, ", ")
}
