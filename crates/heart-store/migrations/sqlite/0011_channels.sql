-- Every way in: partners and their signed alerts, repeated alerts joined by place, status tokens for senders,
-- the first human acknowledgement of each request, and the "we are full" switch.

-- A partner organisation (a bank, a building manager, a shelter, a library). Its webhook secret is sealed under
-- the key file's KEK (it must be read back to check signatures).
CREATE TABLE partners (
    id               TEXT PRIMARY KEY,
    name             TEXT NOT NULL UNIQUE,
    slug             TEXT NOT NULL UNIQUE,
    secret_kek       INTEGER NOT NULL,
    secret           BLOB NOT NULL,
    kinds            TEXT NOT NULL,
    escalate_minutes INTEGER NOT NULL DEFAULT 0,
    created_at       INTEGER NOT NULL,
    revoked_at       INTEGER
);

-- One alert as a partner sent it. `idem_key` is a hash of the partner's Idempotency-Key; `place_hash` a keyed
-- hash of the place (never the place itself). While held by the partner's escalation timer, the alert waits
-- sealed in `held` (nobody's data key exists yet); it is emptied once sent or cleared.
CREATE TABLE partner_alerts (
    id          TEXT PRIMARY KEY,
    partner_id  TEXT NOT NULL REFERENCES partners(id),
    idem_key    TEXT,
    fingerprint TEXT NOT NULL,
    kind        TEXT NOT NULL,
    state       TEXT NOT NULL CHECK (state IN ('held', 'sent', 'joined', 'cleared')),
    request_id  TEXT REFERENCES requests(id),
    place_hash  TEXT,
    received_at INTEGER NOT NULL,
    due_at      INTEGER,
    held_kek    INTEGER,
    held        BLOB,
    UNIQUE (partner_id, idem_key)
);
CREATE INDEX partner_alerts_due ON partner_alerts(state, due_at);

-- The open request each place's alerts join, and when the last one came.
CREATE TABLE alert_places (
    place_hash TEXT PRIMARY KEY,
    request_id TEXT NOT NULL REFERENCES requests(id),
    last_at    INTEGER NOT NULL
);

-- A sender's view of a request (a partner's status URL, an Open311 token): a hash of the token, what it shows.
CREATE TABLE request_tokens (
    token_hash TEXT PRIMARY KEY,
    request_id TEXT REFERENCES requests(id),
    alert_id   TEXT REFERENCES partner_alerts(id),
    source     TEXT NOT NULL,
    kind       TEXT NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX request_tokens_request ON request_tokens(request_id);
CREATE INDEX request_tokens_alert ON request_tokens(alert_id);

-- The first time a person on the team acknowledged a request, for the acknowledgement clock.
CREATE TABLE request_acks (
    request_id  TEXT PRIMARY KEY REFERENCES requests(id),
    channel     TEXT NOT NULL,
    received_at INTEGER NOT NULL,
    acked_at    INTEGER NOT NULL,
    actor       TEXT NOT NULL
);
CREATE INDEX request_acks_at ON request_acks(acked_at);

-- The "we are full" switch (one row).
CREATE TABLE service_state (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    full_until INTEGER,
    set_at     INTEGER NOT NULL,
    set_by     TEXT NOT NULL
);
