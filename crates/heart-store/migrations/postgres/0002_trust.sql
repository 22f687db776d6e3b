-- Trust: personal fields sealed under per-person data keys, a hash-chained audit log, signed checkpoints.
-- (See the SQLite migration of the same name for the model.)

CREATE TABLE subjects (
    id           TEXT PRIMARY KEY,
    kek_id       BIGINT,
    wrapped      BYTEA,
    key_version  BIGINT NOT NULL DEFAULT 1,
    created_at   BIGINT NOT NULL,
    keep         BOOLEAN NOT NULL DEFAULT FALSE,
    erased_at    BIGINT,
    erase_reason TEXT,
    CHECK ((wrapped IS NULL) = (erased_at IS NOT NULL)),
    CHECK ((wrapped IS NULL) = (kek_id IS NULL))
);
CREATE INDEX subjects_kek ON subjects(kek_id) WHERE wrapped IS NOT NULL;

ALTER TABLE requests ADD COLUMN subject TEXT REFERENCES subjects(id);
ALTER TABLE requests ADD COLUMN phone_index TEXT;
ALTER TABLE requests ADD COLUMN sealed BYTEA;
ALTER TABLE requests DROP COLUMN summary;
ALTER TABLE requests DROP COLUMN location_text;
ALTER TABLE requests DROP COLUMN lat;
ALTER TABLE requests DROP COLUMN lon;
ALTER TABLE requests DROP COLUMN contact_name;
ALTER TABLE requests DROP COLUMN contact_phone;
ALTER TABLE requests DROP COLUMN safe_hours;
ALTER TABLE requests DROP COLUMN code_word;
ALTER TABLE requests DROP COLUMN answers;
ALTER TABLE requests DROP COLUMN ems_reason;
CREATE INDEX requests_subject ON requests(subject);
CREATE INDEX requests_phone_index ON requests(phone_index) WHERE phone_index IS NOT NULL;

ALTER TABLE encounters ADD COLUMN sealed BYTEA;
ALTER TABLE encounters DROP COLUMN actions;
ALTER TABLE encounters DROP COLUMN own_words;

ALTER TABLE follow_ups ADD COLUMN sealed BYTEA;
ALTER TABLE follow_ups DROP COLUMN done_note;

ALTER TABLE audit_log ADD COLUMN hash TEXT;

CREATE TABLE audit_checkpoints (
    seq        BIGINT PRIMARY KEY,
    hash       TEXT NOT NULL,
    at         BIGINT NOT NULL,
    public_key TEXT NOT NULL,
    signature  TEXT NOT NULL
);
