-- A partner's callback: where it asked to hear of changes (https), and the signed notices waiting to go there
-- (no personal data: the alert, how far along, when).
ALTER TABLE partner_alerts ADD COLUMN callback TEXT;

CREATE TABLE callback_outbox (
    id          TEXT PRIMARY KEY,
    alert_id    TEXT NOT NULL REFERENCES partner_alerts(id),
    body        TEXT NOT NULL,
    status      TEXT NOT NULL CHECK (status IN ('queued', 'sent', 'failed')),
    attempts    INTEGER NOT NULL DEFAULT 0,
    next_at     INTEGER,
    error       TEXT,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL
);
CREATE INDEX callback_outbox_due ON callback_outbox(status, next_at);
