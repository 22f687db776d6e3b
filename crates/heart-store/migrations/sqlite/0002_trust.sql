-- Trust: personal fields sealed under per-person data keys, a hash-chained audit log, signed checkpoints.
--
-- Every field that identifies or describes a person moves into one `sealed` column per row, encrypted
-- (XChaCha20-Poly1305) under the data key of the person (`subjects`); the data keys are wrapped by a key file that
-- never enters the database. Erasure deletes the wrapped key (crypto-shredding). Development databases from before
-- this migration lose the personal fields of their requests: they were stored in the clear and are not carried over.

CREATE TABLE subjects (
    id           TEXT PRIMARY KEY,
    kek_id       INTEGER,
    wrapped      BLOB,
    key_version  INTEGER NOT NULL DEFAULT 1,
    created_at   INTEGER NOT NULL,
    keep         INTEGER NOT NULL DEFAULT 0,
    erased_at    INTEGER,
    erase_reason TEXT,
    CHECK ((wrapped IS NULL) = (erased_at IS NOT NULL)),
    CHECK ((wrapped IS NULL) = (kek_id IS NULL))
);
CREATE INDEX subjects_kek ON subjects(kek_id) WHERE wrapped IS NOT NULL;

ALTER TABLE requests ADD COLUMN subject TEXT REFERENCES subjects(id);
ALTER TABLE requests ADD COLUMN phone_index TEXT;
ALTER TABLE requests ADD COLUMN sealed BLOB;
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

ALTER TABLE encounters ADD COLUMN sealed BLOB;
ALTER TABLE encounters DROP COLUMN actions;
ALTER TABLE encounters DROP COLUMN own_words;

ALTER TABLE follow_ups ADD COLUMN sealed BLOB;
ALTER TABLE follow_ups DROP COLUMN done_note;

-- hash = SHA-256(previous hash || canonical entry); filled by the writer in the same transaction as the entry.
ALTER TABLE audit_log ADD COLUMN hash TEXT;

CREATE TABLE audit_checkpoints (
    seq        INTEGER PRIMARY KEY,
    hash       TEXT NOT NULL,
    at         INTEGER NOT NULL,
    public_key TEXT NOT NULL,
    signature  TEXT NOT NULL
);
