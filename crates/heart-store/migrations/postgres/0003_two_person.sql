-- The two-person rule: exports of personal data, erasure and capability changes are asked for by one person and
-- carried out only when a different person approves. No personal data here: reasons are codes.

CREATE TABLE approvals (
    id             TEXT PRIMARY KEY,
    kind           TEXT NOT NULL,
    subject        TEXT REFERENCES subjects(id),
    request_id     TEXT REFERENCES requests(id),
    target_user    TEXT REFERENCES users(id),
    capabilities   TEXT,
    reason         TEXT NOT NULL,
    requested_by   TEXT NOT NULL,
    requested_at   BIGINT NOT NULL,
    status         TEXT NOT NULL,
    decided_by     TEXT,
    decided_at     BIGINT,
    decline_reason TEXT,
    done_at        BIGINT,
    version        BIGINT NOT NULL DEFAULT 1,
    CHECK (decided_by IS NULL OR decided_by != requested_by)
);
CREATE INDEX approvals_open ON approvals(status, requested_at);
CREATE INDEX approvals_subject ON approvals(subject);

-- Legal demands (a subpoena, a police request for data): logged, reviewed by two people, the person told unless a
-- court order forbids it. Descriptions are written without names; the person is linked by pseudonymous id.
CREATE TABLE legal_demands (
    id               TEXT PRIMARY KEY,
    received_at      BIGINT NOT NULL,
    from_kind        TEXT NOT NULL,
    reference        TEXT NOT NULL,
    asked            TEXT NOT NULL,
    subject          TEXT REFERENCES subjects(id),
    recorded_by      TEXT NOT NULL,
    first_review_by  TEXT,
    first_decision   TEXT,
    second_review_by TEXT,
    second_decision  TEXT,
    gag_order        BOOLEAN NOT NULL DEFAULT FALSE,
    person_told_at   BIGINT,
    handed_over      TEXT,
    closed_at        BIGINT,
    version          BIGINT NOT NULL DEFAULT 1,
    CHECK (second_review_by IS NULL OR second_review_by != first_review_by)
);
