-- Receipts and yearly giving statements waiting to be emailed to donors. The words are written when the mail
-- goes out, from the gift and the donor: no copy of an email waits here. `dedup` makes a receipt queued twice
-- (a replayed event, two nodes) one mail.
ALTER TABLE donations ADD COLUMN language TEXT NOT NULL DEFAULT 'en-US';

CREATE TABLE mail_outbox (
    id          TEXT PRIMARY KEY,
    dedup       TEXT NOT NULL UNIQUE,
    kind        TEXT NOT NULL CHECK (kind IN ('receipt', 'statement')),
    donor_id    TEXT NOT NULL REFERENCES donors(id),
    donation_id TEXT REFERENCES donations(id),
    year        BIGINT,
    language    TEXT NOT NULL,
    created_at  BIGINT NOT NULL,
    next_at     BIGINT NOT NULL,
    attempts    BIGINT NOT NULL DEFAULT 0,
    sent_at     BIGINT,
    failed_at   BIGINT,
    error       TEXT
);
CREATE INDEX mail_outbox_due ON mail_outbox(next_at) WHERE sent_at IS NULL AND failed_at IS NULL;
CREATE INDEX mail_outbox_donor ON mail_outbox(donor_id, created_at);
