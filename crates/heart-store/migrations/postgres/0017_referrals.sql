-- Partner organisations in the directory, and referrals to them: consent first, closed loop.

-- A partner's account belongs to one directory organization (HSDS organization id) and holds only `partner`.
ALTER TABLE users ADD COLUMN organization_id TEXT;

-- Where a partner organisation asked to receive its referrals (optional), and the secret it checks the signature
-- with (sealed under the KEK).
CREATE TABLE referral_hooks (
    organization_id TEXT PRIMARY KEY,
    url             TEXT NOT NULL,
    secret_kek      BIGINT NOT NULL,
    secret          BYTEA NOT NULL,
    created_at      BIGINT NOT NULL,
    created_by      TEXT NOT NULL
);

-- A referral: who it is about (pseudonymous), where it went, which details the person agreed to share (names of
-- fields, never values), and those values sealed under the person's key, so that erasing the person erases them.
CREATE TABLE referrals (
    id              TEXT PRIMARY KEY,
    request_id      TEXT NOT NULL REFERENCES requests(id),
    encounter_id    TEXT REFERENCES encounters(id),
    subject         TEXT NOT NULL REFERENCES subjects(id),
    team_id         TEXT,
    service_id      TEXT NOT NULL,
    organization_id TEXT NOT NULL,
    shared          TEXT NOT NULL,
    sealed          BYTEA,
    status          TEXT NOT NULL CHECK (status IN ('sent', 'accepted', 'declined', 'connected', 'withdrawn')),
    reason          TEXT,
    created_at      BIGINT NOT NULL,
    created_by      TEXT NOT NULL,
    due_at          BIGINT,
    updated_at      BIGINT NOT NULL,
    version         BIGINT NOT NULL
);
CREATE INDEX referrals_org ON referrals(organization_id, created_at);
CREATE INDEX referrals_request ON referrals(request_id);
CREATE INDEX referrals_open ON referrals(status, updated_at);

-- Every status a referral took, when and by whom (pseudonymous).
CREATE TABLE referral_events (
    referral_id TEXT NOT NULL REFERENCES referrals(id),
    seq         BIGINT NOT NULL,
    status      TEXT NOT NULL,
    reason      TEXT,
    at          BIGINT NOT NULL,
    actor       TEXT NOT NULL,
    PRIMARY KEY (referral_id, seq)
);

-- Signed notices to a partner's hook. The body is built when sent, from what may be shared then (a withdrawal or
-- an erasure in between is respected).
CREATE TABLE referral_outbox (
    id          TEXT PRIMARY KEY,
    referral_id TEXT NOT NULL REFERENCES referrals(id),
    event       TEXT NOT NULL,
    status      TEXT NOT NULL CHECK (status IN ('queued', 'sent', 'failed')),
    attempts    BIGINT NOT NULL DEFAULT 0,
    next_at     BIGINT,
    error       TEXT,
    created_at  BIGINT NOT NULL,
    updated_at  BIGINT NOT NULL
);
CREATE INDEX referral_outbox_due ON referral_outbox(status, next_at);
