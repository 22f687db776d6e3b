-- The response loop: accounts, teams, shifts, requests, encounters, follow-ups, safety alerts, audit.
-- Instants are unix microseconds. Ids are UUID v7 text.

CREATE TABLE teams (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,
    status      TEXT NOT NULL,
    status_at   INTEGER NOT NULL,
    lat         REAL,
    lon         REAL,
    checkin_at  INTEGER,
    version     INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE users (
    id               TEXT PRIMARY KEY,
    username         TEXT NOT NULL UNIQUE,
    display_name     TEXT NOT NULL,
    password_hash    TEXT,
    capabilities     TEXT NOT NULL,
    team_id          TEXT REFERENCES teams(id),
    active           INTEGER NOT NULL DEFAULT 1,
    setup_token_hash TEXT UNIQUE,
    created_at       INTEGER NOT NULL
);

CREATE TABLE api_tokens (
    id           TEXT PRIMARY KEY,
    name         TEXT NOT NULL,
    token_hash   TEXT NOT NULL UNIQUE,
    capabilities TEXT NOT NULL,
    created_at   INTEGER NOT NULL,
    revoked_at   INTEGER
);

CREATE TABLE sessions (
    id_hash    TEXT PRIMARY KEY,
    user_id    TEXT NOT NULL REFERENCES users(id),
    csrf       TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE shifts (
    id        TEXT PRIMARY KEY,
    team_id   TEXT NOT NULL REFERENCES teams(id),
    starts_at INTEGER NOT NULL,
    ends_at   INTEGER NOT NULL,
    CHECK (ends_at > starts_at)
);
CREATE INDEX shifts_time ON shifts(starts_at, ends_at);

CREATE TABLE requests (
    id                TEXT PRIMARY KEY,
    created_at        INTEGER NOT NULL,
    updated_at        INTEGER NOT NULL,
    channel           TEXT NOT NULL,
    requester         TEXT NOT NULL,
    summary           TEXT NOT NULL,
    location_text     TEXT,
    lat               REAL,
    lon               REAL,
    location_withheld INTEGER NOT NULL DEFAULT 0,
    contact_name      TEXT,
    contact_phone     TEXT,
    safe_text         INTEGER NOT NULL DEFAULT 0,
    safe_voicemail    INTEGER NOT NULL DEFAULT 0,
    safe_call         INTEGER NOT NULL DEFAULT 0,
    safe_hours        TEXT,
    code_word         TEXT,
    language          TEXT NOT NULL,
    answers           TEXT NOT NULL,
    triage_outcome    TEXT NOT NULL,
    priority          INTEGER,
    triage_rule       TEXT NOT NULL,
    rationale         TEXT NOT NULL,
    ems_reason        TEXT,
    ems_consent       TEXT,
    status            TEXT NOT NULL,
    team_id           TEXT REFERENCES teams(id),
    outcome           TEXT,
    version           INTEGER NOT NULL DEFAULT 1,
    CHECK ((status = 'closed') = (outcome IS NOT NULL))
);
CREATE INDEX requests_open ON requests(status) WHERE status NOT IN ('closed', 'cancelled');
CREATE INDEX requests_team ON requests(team_id);
CREATE INDEX requests_status_created ON requests(status, created_at);

CREATE TABLE request_transitions (
    seq         INTEGER PRIMARY KEY AUTOINCREMENT,
    request_id  TEXT NOT NULL REFERENCES requests(id),
    from_status TEXT,
    to_status   TEXT NOT NULL,
    team_id     TEXT,
    at          INTEGER NOT NULL,
    actor       TEXT NOT NULL
);
CREATE INDEX transitions_request ON request_transitions(request_id);

CREATE TABLE encounters (
    id                TEXT PRIMARY KEY,
    request_id        TEXT NOT NULL REFERENCES requests(id),
    team_id           TEXT REFERENCES teams(id),
    needs             TEXT NOT NULL,
    actions           TEXT NOT NULL,
    own_words         TEXT,
    outcome           TEXT NOT NULL,
    follow_up_consent INTEGER NOT NULL,
    follow_up_method  TEXT,
    created_at        INTEGER NOT NULL,
    created_by        TEXT NOT NULL
);
CREATE INDEX encounters_request ON encounters(request_id);

CREATE TABLE follow_ups (
    id           TEXT PRIMARY KEY,
    request_id   TEXT NOT NULL REFERENCES requests(id),
    encounter_id TEXT REFERENCES encounters(id),
    due_at       INTEGER NOT NULL,
    method       TEXT,
    done_at      INTEGER,
    done_note    TEXT,
    done_by      TEXT,
    version      INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX follow_ups_open ON follow_ups(due_at) WHERE done_at IS NULL;

CREATE TABLE alerts (
    id         TEXT PRIMARY KEY,
    kind       TEXT NOT NULL,
    team_id    TEXT NOT NULL REFERENCES teams(id),
    request_id TEXT REFERENCES requests(id),
    lat        REAL,
    lon        REAL,
    created_at INTEGER NOT NULL,
    cleared_at INTEGER,
    cleared_by TEXT
);
CREATE INDEX alerts_open ON alerts(created_at) WHERE cleared_at IS NULL;

CREATE TABLE audit_log (
    seq         INTEGER PRIMARY KEY AUTOINCREMENT,
    id          TEXT NOT NULL UNIQUE,
    at          INTEGER NOT NULL,
    actor       TEXT NOT NULL,
    action      TEXT NOT NULL,
    record_kind TEXT NOT NULL,
    record_id   TEXT NOT NULL,
    detail      TEXT NOT NULL
);
CREATE INDEX audit_record ON audit_log(record_kind, record_id);
