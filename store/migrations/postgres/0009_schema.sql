-- envei schema on PostgreSQL, version 9: the SQLite migrations 0001-0009
-- (store/migrations/) as one step, for a new database. Each later SQLite
-- migration has a file of the same number here. The comments of the
-- SQLite files say what each table and column is for; this file says only
-- where PostgreSQL differs.
--
-- Types: TEXT stays text (dates as YYYY-MM-DD and UTC timestamps with a Z
-- compare as text in both engines), INTEGER is bigint (flags stay 0/1 with
-- their CHECKs, so the store's SQL is the same on both), BLOB is bytea.
--
-- Ids: SQLite gives a row without an id max(id) + 1. envei_next_id does
-- the same here. It is safe because every write transaction first takes
-- the database's advisory write lock (engine_postgres.go), so writers
-- never run side by side, as on SQLite.
--
-- The report tally columns (SQLite migration 0004) are plain columns here:
-- the store's Go code keeps them (SQLite migration 0010 dropped the
-- triggers that did on SQLite).

CREATE TABLE envei_schema (
    version        bigint NOT NULL,
    application_id bigint NOT NULL
);

CREATE FUNCTION envei_next_id() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.id IS NULL THEN
        EXECUTE format('SELECT coalesce(max(id), 0) + 1 FROM %I.%I', TG_TABLE_SCHEMA, TG_TABLE_NAME) INTO NEW.id;
    END IF;
    RETURN NEW;
END;
$$;

-- Raises the refusal named in the trigger's argument: the append-only
-- tables' rules, as SQLite's RAISE(ABORT, …).
CREATE FUNCTION envei_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '%', TG_ARGV[0];
END;
$$;

CREATE TABLE settings (
    key   text PRIMARY KEY,
    value text NOT NULL
);

CREATE TABLE clinicians (
    id         bigint PRIMARY KEY,
    username   text NOT NULL UNIQUE,
    name       text NOT NULL,
    org        text NOT NULL CHECK (org IN ('', 'dps', 'municipal')),
    role       text NOT NULL CHECK (role IN ('clinician', 'supervisor', 'admin')),
    on_leave   bigint NOT NULL DEFAULT 0 CHECK (on_leave IN (0, 1)),
    added_at   text NOT NULL,
    removed_at text
);
CREATE TRIGGER clinicians_id BEFORE INSERT ON clinicians FOR EACH ROW WHEN (NEW.id IS NULL) EXECUTE FUNCTION envei_next_id();

CREATE TABLE services (
    code       text PRIMARY KEY,
    label_nb   text NOT NULL,
    label_en   text NOT NULL,
    category   text NOT NULL CHECK (category IN ('dps', 'municipal', 'specialised', 'reception', 'closed')),
    position   bigint NOT NULL UNIQUE,
    retired    bigint NOT NULL DEFAULT 0 CHECK (retired IN (0, 1)),
    unit_name  text NOT NULL DEFAULT '',
    her_id     text NOT NULL DEFAULT '',
    org_number text NOT NULL DEFAULT ''
);

CREATE TABLE referrals (
    id                 bigint PRIMARY KEY,
    ref                text NOT NULL UNIQUE,
    received           text NOT NULL,
    channel            text NOT NULL CHECK (channel IN ('self', 'gp')),
    addressed_to       text NOT NULL CHECK (addressed_to IN ('none', 'dps', 'municipal', 'specialist')),
    national_id        text,
    name               text NOT NULL DEFAULT '',
    birth_date         text,
    gp                 text NOT NULL DEFAULT '',
    clinician_id       bigint REFERENCES clinicians (id),
    first_conversation text,
    attended           text CHECK (attended IN ('yes', 'no')),
    routed             text,
    withdrawn          text,
    phone              text NOT NULL DEFAULT '',
    municipality       text NOT NULL DEFAULT '',
    gp_practice        text NOT NULL DEFAULT '',
    reason             text NOT NULL DEFAULT '',
    urgent             bigint NOT NULL DEFAULT 0 CHECK (urgent IN (0, 1)),
    registered_by      text NOT NULL DEFAULT '',
    conversation_time  text NOT NULL DEFAULT '',
    conversation_mode  text NOT NULL DEFAULT '' CHECK (conversation_mode IN ('', 'in_person', 'video', 'phone')),
    route_note         text NOT NULL DEFAULT '',
    gp_to_inform       bigint NOT NULL DEFAULT 0 CHECK (gp_to_inform IN (0, 1)),
    state              text NOT NULL,
    deadline           text,
    due                text NOT NULL,
    version            bigint NOT NULL DEFAULT 1,
    updated_at         text NOT NULL,
    assessed           text,
    rights_decided     text,
    rights_right       text CHECK (rights_right IN ('yes', 'no')),
    rights_late        bigint NOT NULL DEFAULT 0 CHECK (rights_late IN (0, 1)),
    treatment_closed   text,
    treatment_outcome  text NOT NULL DEFAULT '',
    on_worklist        bigint NOT NULL DEFAULT 0 CHECK (on_worklist IN (0, 1)),
    outcome_codes      text NOT NULL DEFAULT '',
    days_to_first      bigint,
    days_to_routed     bigint,
    days_to_withdrawn  bigint,
    deadline_class     bigint,
    open_deadline      text,
    received_month     text NOT NULL DEFAULT '',
    clinician_org      text,
    voided             text,
    merged_into        bigint REFERENCES referrals (id),
    gp_her_id          text NOT NULL DEFAULT ''
);
CREATE TRIGGER referrals_id BEFORE INSERT ON referrals FOR EACH ROW WHEN (NEW.id IS NULL) EXECUTE FUNCTION envei_next_id();

CREATE INDEX referrals_national_id ON referrals (national_id) WHERE national_id IS NOT NULL;
CREATE INDEX referrals_clinician ON referrals (clinician_id);
CREATE INDEX referrals_received ON referrals (received);
CREATE INDEX referrals_worklist_due ON referrals (due, id) WHERE on_worklist = 1;
CREATE INDEX referrals_worklist_state_due ON referrals (state, due, id) WHERE on_worklist = 1;
CREATE INDEX referrals_worklist_clinician_due ON referrals (clinician_id, due, id) WHERE on_worklist = 1;
CREATE INDEX referrals_report_stats ON referrals (channel, addressed_to, clinician_org, state, attended,
    outcome_codes, days_to_first, days_to_routed, days_to_withdrawn, deadline_class, open_deadline, received);
CREATE INDEX referrals_report_month ON referrals (received_month, clinician_org, state, attended,
    outcome_codes, days_to_first, received);
CREATE INDEX referrals_report_month_close ON referrals (received_month, state, outcome_codes,
    days_to_routed, days_to_withdrawn, received);
CREATE INDEX referrals_due ON referrals (due, id, on_worklist);

CREATE TABLE referral_outcomes (
    referral_id  bigint NOT NULL REFERENCES referrals (id) ON DELETE CASCADE,
    service_code text NOT NULL REFERENCES services (code),
    PRIMARY KEY (referral_id, service_code)
);

CREATE TABLE draws (
    id          bigint PRIMARY KEY,
    referral_id bigint NOT NULL REFERENCES referrals (id) ON DELETE CASCADE,
    eligible    text NOT NULL,
    drawn       text NOT NULL,
    drawn_by    text NOT NULL,
    drawn_at    text NOT NULL,
    reason      text NOT NULL DEFAULT '',
    hash        bytea
);
CREATE TRIGGER draws_id BEFORE INSERT ON draws FOR EACH ROW WHEN (NEW.id IS NULL) EXECUTE FUNCTION envei_next_id();
CREATE INDEX draws_referral ON draws (referral_id);
CREATE TRIGGER draws_no_update BEFORE UPDATE ON draws FOR EACH ROW EXECUTE FUNCTION envei_refuse('a draw is never changed');
CREATE TRIGGER draws_no_delete BEFORE DELETE ON draws FOR EACH ROW EXECUTE FUNCTION envei_refuse('a draw is never deleted');

CREATE TABLE events (
    id          bigint PRIMARY KEY,
    at          text NOT NULL,
    actor       text NOT NULL,
    referral_id bigint REFERENCES referrals (id) ON DELETE CASCADE,
    kind        text NOT NULL,
    detail      text NOT NULL DEFAULT '',
    hash        bytea
);
CREATE TRIGGER events_id BEFORE INSERT ON events FOR EACH ROW WHEN (NEW.id IS NULL) EXECUTE FUNCTION envei_next_id();
CREATE INDEX events_referral ON events (referral_id, id);
CREATE TRIGGER events_no_update BEFORE UPDATE ON events FOR EACH ROW EXECUTE FUNCTION envei_refuse('the event trail is append-only');
CREATE TRIGGER events_no_delete BEFORE DELETE ON events FOR EACH ROW EXECUTE FUNCTION envei_refuse('the event trail is append-only');

CREATE TABLE assessments (
    id               bigint PRIMARY KEY,
    referral_id      bigint NOT NULL REFERENCES referrals (id),
    version          bigint NOT NULL CHECK (version >= 1),
    status           text NOT NULL CHECK (status IN ('draft', 'completed')),
    body             text NOT NULL,
    author           text NOT NULL,
    saved_at         text NOT NULL,
    amendment_reason text NOT NULL DEFAULT '',
    UNIQUE (referral_id, version)
);
CREATE TRIGGER assessments_id BEFORE INSERT ON assessments FOR EACH ROW WHEN (NEW.id IS NULL) EXECUTE FUNCTION envei_next_id();
CREATE TRIGGER assessments_completed_unchanged BEFORE UPDATE ON assessments FOR EACH ROW
    WHEN (OLD.status = 'completed')
    EXECUTE FUNCTION envei_refuse('a completed assessment is never changed; amend it as a new version');
CREATE TRIGGER assessments_completed_kept BEFORE DELETE ON assessments FOR EACH ROW
    WHEN (OLD.status = 'completed')
    EXECUTE FUNCTION envei_refuse('a completed assessment is never deleted');

CREATE TABLE treatment_sessions (
    id          bigint PRIMARY KEY,
    referral_id bigint NOT NULL REFERENCES referrals (id),
    day         text NOT NULL,
    minutes     bigint NOT NULL CHECK (minutes BETWEEN 1 AND 240),
    mode        text NOT NULL CHECK (mode IN ('in_person', 'video', 'etreatment')),
    recorded_by text NOT NULL,
    recorded_at text NOT NULL
);
CREATE TRIGGER treatment_sessions_id BEFORE INSERT ON treatment_sessions FOR EACH ROW WHEN (NEW.id IS NULL) EXECUTE FUNCTION envei_next_id();
CREATE INDEX treatment_sessions_referral ON treatment_sessions (referral_id, day);

CREATE TABLE access_log (
    id           bigint PRIMARY KEY,
    at           text NOT NULL,
    actor        text NOT NULL,
    role         text NOT NULL CHECK (role IN ('clinician', 'supervisor', 'admin')),
    referral_id  bigint REFERENCES referrals (id),
    what         text NOT NULL,
    basis        text NOT NULL CHECK (basis IN ('assigned', 'registrar', 'break_glass', 'bulk', 'audit')),
    reason       text NOT NULL DEFAULT '',
    scope_from   text,
    scope_to     text,
    scope_min_id bigint,
    scope_max_id bigint,
    hash         bytea
);
CREATE TRIGGER access_log_id BEFORE INSERT ON access_log FOR EACH ROW WHEN (NEW.id IS NULL) EXECUTE FUNCTION envei_next_id();
CREATE INDEX access_log_referral ON access_log (referral_id, at) WHERE referral_id IS NOT NULL;
CREATE INDEX access_log_bulk ON access_log (at) WHERE referral_id IS NULL;
CREATE INDEX access_log_review ON access_log (at) WHERE basis <> 'assigned';
CREATE TRIGGER access_log_no_update BEFORE UPDATE ON access_log FOR EACH ROW EXECUTE FUNCTION envei_refuse('the access log is append-only');
CREATE TRIGGER access_log_no_delete BEFORE DELETE ON access_log FOR EACH ROW EXECUTE FUNCTION envei_refuse('the access log is append-only');

CREATE TABLE assessment_seals (
    seq           bigint PRIMARY KEY,
    assessment_id bigint NOT NULL UNIQUE REFERENCES assessments (id),
    hash          bytea NOT NULL
);
CREATE TRIGGER assessment_seals_no_update BEFORE UPDATE ON assessment_seals FOR EACH ROW EXECUTE FUNCTION envei_refuse('a seal is never changed');
CREATE TRIGGER assessment_seals_no_delete BEFORE DELETE ON assessment_seals FOR EACH ROW EXECUTE FUNCTION envei_refuse('a seal is never deleted');

CREATE TABLE consultations (
    id                  bigint PRIMARY KEY,
    referral_id         bigint NOT NULL REFERENCES referrals (id),
    kind                text NOT NULL CHECK (kind IN ('senior', 'gp')),
    day                 text NOT NULL,
    clock               text NOT NULL,
    question            text NOT NULL DEFAULT '',
    advice              text NOT NULL DEFAULT '',
    medication_reviewed bigint NOT NULL DEFAULT 0 CHECK (medication_reviewed IN (0, 1)),
    contact             text NOT NULL DEFAULT '',
    outcome             text NOT NULL DEFAULT '',
    recorded_by         text NOT NULL,
    recorded_at         text NOT NULL,
    CHECK (kind = 'senior' OR (question = '' AND advice = '' AND medication_reviewed = 0)),
    CHECK (kind = 'gp' OR (contact = '' AND outcome = ''))
);
CREATE TRIGGER consultations_id BEFORE INSERT ON consultations FOR EACH ROW WHEN (NEW.id IS NULL) EXECUTE FUNCTION envei_next_id();
CREATE INDEX consultations_referral ON consultations (referral_id, kind, day, clock);

CREATE TABLE routings (
    id          bigint PRIMARY KEY,
    referral_id bigint NOT NULL REFERENCES referrals (id),
    version     bigint NOT NULL CHECK (version >= 1),
    routed      text NOT NULL,
    outcomes    text NOT NULL,
    note        text NOT NULL DEFAULT '',
    author      text NOT NULL,
    saved_at    text NOT NULL,
    reason      text NOT NULL DEFAULT '',
    UNIQUE (referral_id, version)
);
CREATE TRIGGER routings_id BEFORE INSERT ON routings FOR EACH ROW WHEN (NEW.id IS NULL) EXECUTE FUNCTION envei_next_id();
CREATE TRIGGER routings_unchanged BEFORE UPDATE ON routings FOR EACH ROW
    EXECUTE FUNCTION envei_refuse('a routing version is never changed; correct it as a new version');
CREATE TRIGGER routings_kept BEFORE DELETE ON routings FOR EACH ROW
    EXECUTE FUNCTION envei_refuse('a routing version is never deleted');

CREATE TABLE ssh_keys (
    id          bigint PRIMARY KEY,
    username    text NOT NULL REFERENCES clinicians (username),
    key_type    text NOT NULL,
    blob        text NOT NULL,
    fingerprint text NOT NULL UNIQUE,
    comment     text NOT NULL DEFAULT '',
    added_by    text NOT NULL,
    added_at    text NOT NULL
);
CREATE TRIGGER ssh_keys_id BEFORE INSERT ON ssh_keys FOR EACH ROW WHEN (NEW.id IS NULL) EXECUTE FUNCTION envei_next_id();
CREATE INDEX ssh_keys_username ON ssh_keys (username);

CREATE TABLE messages (
    id             bigint PRIMARY KEY,
    msg_id         text NOT NULL UNIQUE,
    referral_id    bigint NOT NULL REFERENCES referrals (id),
    receiver       text NOT NULL,
    receiver_her   text NOT NULL,
    note_kind      text NOT NULL CHECK (note_kind IN ('transfer', 'gp_letter')),
    note_version   bigint NOT NULL,
    attachment     bigint NOT NULL DEFAULT 0 CHECK (attachment IN (0, 1)),
    written_by     text NOT NULL,
    written_at     text NOT NULL,
    receipt_status text CHECK (receipt_status IN ('1', '2', '3')),
    receipt_errors text NOT NULL DEFAULT '',
    receipt_at     text
);
CREATE TRIGGER messages_id BEFORE INSERT ON messages FOR EACH ROW WHEN (NEW.id IS NULL) EXECUTE FUNCTION envei_next_id();
CREATE INDEX messages_referral ON messages (referral_id, id);
CREATE TRIGGER messages_unchanged BEFORE UPDATE ON messages FOR EACH ROW
    WHEN (OLD.receipt_status IS NOT NULL
      OR NEW.msg_id IS DISTINCT FROM OLD.msg_id OR NEW.referral_id IS DISTINCT FROM OLD.referral_id
      OR NEW.receiver IS DISTINCT FROM OLD.receiver OR NEW.receiver_her IS DISTINCT FROM OLD.receiver_her
      OR NEW.note_kind IS DISTINCT FROM OLD.note_kind OR NEW.note_version IS DISTINCT FROM OLD.note_version
      OR NEW.attachment IS DISTINCT FROM OLD.attachment
      OR NEW.written_by IS DISTINCT FROM OLD.written_by OR NEW.written_at IS DISTINCT FROM OLD.written_at)
    EXECUTE FUNCTION envei_refuse('a message is never rewritten; its receipt is recorded once');
CREATE TRIGGER messages_kept BEFORE DELETE ON messages FOR EACH ROW
    EXECUTE FUNCTION envei_refuse('a message is never deleted');
