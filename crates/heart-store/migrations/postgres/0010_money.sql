-- Money: funds, an exact double-entry ledger, mutual-aid requests approved by people other than the asker, donors
-- and their gifts. Amounts are integer minor units (cents) with the fund's currency.
--
-- Donor data (donors, donations) lives apart from care data: no foreign key and no query joins it to requests,
-- people served or encounters. A mutual-aid request points at a care request and a person by pseudonymous id; its
-- notes are sealed under that person's key (erased with them); the ledger names the aid request, never a person.

CREATE TABLE funds (
    id           TEXT PRIMARY KEY,
    name         TEXT NOT NULL UNIQUE,
    kind         TEXT NOT NULL,
    currency     TEXT NOT NULL,
    restriction  TEXT,
    created_at   BIGINT NOT NULL,
    archived     BOOLEAN NOT NULL DEFAULT FALSE
);

CREATE TABLE ledger_entries (
    id          TEXT PRIMARY KEY,
    at          BIGINT NOT NULL,
    -- The organisation's local date, as 20261127.
    day         BIGINT NOT NULL,
    kind        TEXT NOT NULL,
    memo        TEXT NOT NULL,
    ref_kind    TEXT,
    ref_id      TEXT,
    reverses    TEXT UNIQUE REFERENCES ledger_entries(id),
    flagged     BOOLEAN NOT NULL DEFAULT FALSE,
    posted_by   TEXT NOT NULL
);
CREATE INDEX ledger_entries_day ON ledger_entries(day);
CREATE INDEX ledger_entries_ref ON ledger_entries(ref_kind, ref_id);

CREATE TABLE ledger_lines (
    entry_id     TEXT NOT NULL REFERENCES ledger_entries(id),
    n            BIGINT NOT NULL,
    fund_id      TEXT NOT NULL REFERENCES funds(id),
    account      TEXT NOT NULL,
    amount_minor BIGINT NOT NULL CHECK (amount_minor != 0),
    day          BIGINT NOT NULL,
    PRIMARY KEY (entry_id, n)
);
CREATE INDEX ledger_lines_fund_day ON ledger_lines(fund_id, day, account, amount_minor);

-- Cached monthly totals of each fund's asset lines (money in, money out), written in the same transaction as the
-- lines. `heart ledger verify` and a test check them against the lines.
CREATE TABLE ledger_months (
    fund_id    TEXT NOT NULL REFERENCES funds(id),
    month      BIGINT NOT NULL,
    in_minor   BIGINT NOT NULL,
    out_minor  BIGINT NOT NULL,
    PRIMARY KEY (fund_id, month)
);

CREATE TABLE mutual_aid (
    id               TEXT PRIMARY KEY,
    request_id       TEXT NOT NULL REFERENCES requests(id),
    subject          TEXT NOT NULL REFERENCES subjects(id),
    fund_id          TEXT NOT NULL REFERENCES funds(id),
    amount_minor     BIGINT NOT NULL CHECK (amount_minor > 0),
    currency         TEXT NOT NULL,
    purpose          TEXT NOT NULL,
    payee_kind       TEXT NOT NULL,
    payee_name       TEXT,
    method           TEXT NOT NULL,
    -- The notes, sealed under the person's key.
    sealed           BYTEA,
    requested_by     TEXT NOT NULL,
    requested_at     BIGINT NOT NULL,
    approvals_needed BIGINT NOT NULL,
    status           TEXT NOT NULL,
    declined_by      TEXT,
    decline_reason   TEXT,
    decided_at       BIGINT,
    paid_by          TEXT,
    paid_at          BIGINT,
    entry_id         TEXT REFERENCES ledger_entries(id),
    proof_name       TEXT,
    proof_type       TEXT,
    proof            BYTEA,
    version          BIGINT NOT NULL DEFAULT 1,
    CHECK (declined_by IS NULL OR declined_by != requested_by),
    CHECK (paid_by IS NULL OR paid_by != requested_by)
);
CREATE INDEX mutual_aid_status ON mutual_aid(status, requested_at);
CREATE INDEX mutual_aid_request ON mutual_aid(request_id);
CREATE INDEX mutual_aid_subject ON mutual_aid(subject, requested_at);

CREATE TABLE mutual_aid_approvals (
    aid_id      TEXT NOT NULL REFERENCES mutual_aid(id),
    approver    TEXT NOT NULL,
    at          BIGINT NOT NULL,
    PRIMARY KEY (aid_id, approver)
);

CREATE TABLE campaigns (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    fund_id     TEXT NOT NULL REFERENCES funds(id),
    goal_minor  BIGINT NOT NULL CHECK (goal_minor > 0),
    active      BOOLEAN NOT NULL DEFAULT TRUE,
    created_at  BIGINT NOT NULL
);

CREATE TABLE donors (
    id          TEXT PRIMARY KEY,
    email       TEXT NOT NULL UNIQUE,
    name        TEXT,
    created_at  BIGINT NOT NULL
);

CREATE TABLE donations (
    id               TEXT PRIMARY KEY,
    donor_id         TEXT NOT NULL REFERENCES donors(id),
    fund_id          TEXT NOT NULL REFERENCES funds(id),
    campaign_id      TEXT REFERENCES campaigns(id),
    amount_minor     BIGINT NOT NULL CHECK (amount_minor > 0),
    currency         TEXT NOT NULL,
    frequency        TEXT NOT NULL,
    anonymous        BOOLEAN NOT NULL,
    message          TEXT,
    provider         TEXT NOT NULL,
    method           TEXT NOT NULL,
    provider_ref     TEXT UNIQUE,
    subscription_ref TEXT,
    status           TEXT NOT NULL,
    receipt_token    TEXT NOT NULL UNIQUE,
    created_at       BIGINT NOT NULL,
    paid_at          BIGINT,
    entry_id         TEXT REFERENCES ledger_entries(id),
    refunded_minor   BIGINT NOT NULL DEFAULT 0,
    recorded_by      TEXT,
    version          BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX donations_donor ON donations(donor_id, paid_at);
CREATE INDEX donations_status ON donations(status, created_at);
CREATE INDEX donations_subscription ON donations(subscription_ref);

-- Each provider event is processed once.
CREATE TABLE payment_events (
    provider     TEXT NOT NULL,
    event_id     TEXT NOT NULL,
    received_at  BIGINT NOT NULL,
    PRIMARY KEY (provider, event_id)
);

-- A token may act for one person (`heart token create --user`): it counts as that person, for instance as one of the
-- two people a payment needs, and never holds more than the person may do.
ALTER TABLE api_tokens ADD COLUMN user_id TEXT REFERENCES users(id);
