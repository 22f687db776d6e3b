-- Two-way text messages through a Twilio-compatible provider. The number and the words are personal data: sealed
-- under the person's data key (erased with them). Outgoing messages wait here (the outbox) until the provider
-- takes them, with retries while it is down.
CREATE TABLE sms_messages (
    id           TEXT PRIMARY KEY,
    subject      TEXT NOT NULL REFERENCES subjects(id),
    request_id   TEXT REFERENCES requests(id),
    direction    TEXT NOT NULL CHECK (direction IN ('in', 'out')),
    sealed       BLOB,
    status       TEXT NOT NULL,
    provider_sid TEXT UNIQUE,
    attempts     INTEGER NOT NULL DEFAULT 0,
    next_at      INTEGER,
    error        TEXT,
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL
);
CREATE INDEX sms_messages_request ON sms_messages(request_id, created_at);
CREATE INDEX sms_messages_outbox ON sms_messages(status, next_at);

-- Numbers that texted STOP (a keyed hash of the number, never the number): nothing is sent to them until START.
CREATE TABLE sms_optouts (
    phone_index TEXT PRIMARY KEY,
    at          INTEGER NOT NULL
);
