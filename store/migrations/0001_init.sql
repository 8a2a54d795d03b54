-- envei schema, version 1: settings, roster, service catalogue, referrals with
-- their outcomes, the record of every random draw, and the event trail.
-- Dates are ISO-8601 TEXT (YYYY-MM-DD); timestamps are UTC with a Z.

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT, WITHOUT ROWID;

-- The roster. A removed person keeps their row (removed_at set) so the
-- history that names them stays readable.
CREATE TABLE clinicians (
    id         INTEGER PRIMARY KEY,
    username   TEXT NOT NULL UNIQUE,
    name       TEXT NOT NULL,
    org        TEXT NOT NULL CHECK (org IN ('', 'dps', 'municipal')),
    role       TEXT NOT NULL CHECK (role IN ('clinician', 'supervisor', 'admin')),
    on_leave   INTEGER NOT NULL DEFAULT 0 CHECK (on_leave IN (0, 1)),
    added_at   TEXT NOT NULL,
    removed_at TEXT
) STRICT;

CREATE TABLE services (
    code     TEXT PRIMARY KEY,
    label_nb TEXT NOT NULL,
    label_en TEXT NOT NULL,
    category TEXT NOT NULL CHECK (category IN ('dps', 'municipal', 'specialised', 'reception', 'closed')),
    position INTEGER NOT NULL UNIQUE,
    retired  INTEGER NOT NULL DEFAULT 0 CHECK (retired IN (0, 1))
) STRICT, WITHOUT ROWID;

CREATE TABLE referrals (
    id                 INTEGER PRIMARY KEY,
    ref                TEXT NOT NULL UNIQUE,
    received           TEXT NOT NULL,
    channel            TEXT NOT NULL CHECK (channel IN ('self', 'gp')),
    addressed_to       TEXT NOT NULL CHECK (addressed_to IN ('none', 'dps', 'municipal', 'specialist')),
    national_id        TEXT,
    name               TEXT NOT NULL DEFAULT '',
    birth_date         TEXT,
    gp                 TEXT NOT NULL DEFAULT '',
    clinician_id       INTEGER REFERENCES clinicians (id),
    first_conversation TEXT,
    attended           TEXT CHECK (attended IN ('yes', 'no')),
    routed             TEXT,
    withdrawn          TEXT,
    -- Registration details the console records. Contact details stay in
    -- the reception's database; they are never part of a report.
    phone              TEXT NOT NULL DEFAULT '',
    municipality       TEXT NOT NULL DEFAULT '',
    gp_practice        TEXT NOT NULL DEFAULT '',
    reason             TEXT NOT NULL DEFAULT '',
    -- urgent: suspected serious illness; it stands out on the worklist.
    urgent             INTEGER NOT NULL DEFAULT 0 CHECK (urgent IN (0, 1)),
    registered_by      TEXT NOT NULL DEFAULT '',
    -- The first conversation's time of day (HH:MM, Oslo) and mode.
    conversation_time  TEXT NOT NULL DEFAULT '',
    conversation_mode  TEXT NOT NULL DEFAULT '' CHECK (conversation_mode IN ('', 'in_person', 'video', 'phone')),
    -- Routing: the justification, and whether the GP is still to be told.
    route_note         TEXT NOT NULL DEFAULT '',
    gp_to_inform       INTEGER NOT NULL DEFAULT 0 CHECK (gp_to_inform IN (0, 1)),
    -- state, deadline and due are derived by intake on every write and
    -- stored so the worklist can filter and sort on them through an index.
    -- due is the legal deadline where there is one, else the same ten
    -- working days as the reception's own target.
    state              TEXT NOT NULL,
    deadline           TEXT,
    due                TEXT NOT NULL,
    -- version grows with every change: a write that read version N and
    -- finds another is a lost update and is refused (ErrConflict).
    version            INTEGER NOT NULL DEFAULT 1,
    updated_at         TEXT NOT NULL
) STRICT;

CREATE INDEX referrals_national_id ON referrals (national_id) WHERE national_id IS NOT NULL;
CREATE INDEX referrals_clinician ON referrals (clinician_id);
CREATE INDEX referrals_received ON referrals (received);

-- The worklist holds open referrals only; these partial indexes keep each
-- of its keyset pages one index range scan away at any size.
CREATE INDEX referrals_open_due ON referrals (due, id)
    WHERE state NOT IN ('routed', 'withdrawn');
CREATE INDEX referrals_open_state_due ON referrals (state, due, id)
    WHERE state NOT IN ('routed', 'withdrawn');
CREATE INDEX referrals_open_clinician_due ON referrals (clinician_id, due, id)
    WHERE state NOT IN ('routed', 'withdrawn');

-- A patient may be routed to more than one service at once.
CREATE TABLE referral_outcomes (
    referral_id  INTEGER NOT NULL REFERENCES referrals (id) ON DELETE CASCADE,
    service_code TEXT NOT NULL REFERENCES services (code),
    PRIMARY KEY (referral_id, service_code)
) STRICT, WITHOUT ROWID;

-- Every random draw as it happened: who could have been drawn (usernames,
-- space-separated, sorted), who was, by whom and when. A reassignment is a
-- new row with its reason; the old one stays.
CREATE TABLE draws (
    id          INTEGER PRIMARY KEY,
    referral_id INTEGER NOT NULL REFERENCES referrals (id) ON DELETE CASCADE,
    eligible    TEXT NOT NULL,
    drawn       TEXT NOT NULL,
    drawn_by    TEXT NOT NULL,
    drawn_at    TEXT NOT NULL,
    reason      TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE INDEX draws_referral ON draws (referral_id);

-- The event trail: every write appends here in the same transaction.
-- actor is the username as text, so history survives roster changes.
CREATE TABLE events (
    id          INTEGER PRIMARY KEY,
    at          TEXT NOT NULL,
    actor       TEXT NOT NULL,
    referral_id INTEGER REFERENCES referrals (id) ON DELETE CASCADE,
    kind        TEXT NOT NULL,
    detail      TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE INDEX events_referral ON events (referral_id, id);
