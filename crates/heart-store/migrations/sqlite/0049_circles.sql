-- Circles: conflict or harm worked through with everyone involved. A circle has its own data key (a subject: its
-- title, its agreements' commitments and its check-ins' notes are sealed under it) and each person in it has
-- theirs (their role words, language, safe-contact words, safety plan and the notes from conversations with them),
-- so erasing one person destroys only their words. Only the circle's facilitators read any of it.
CREATE TABLE circles (
    id         TEXT PRIMARY KEY,
    subject    TEXT NOT NULL REFERENCES subjects (id),
    request_id TEXT REFERENCES requests (id),
    sealed     BLOB,
    stage      TEXT NOT NULL,
    reached    TEXT NOT NULL,
    opened_by  TEXT NOT NULL,
    opened_at  INTEGER NOT NULL,
    closed_at  INTEGER,
    purged_at  INTEGER,
    version    INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX circles_closed ON circles (closed_at) WHERE purged_at IS NULL;

CREATE TABLE circle_facilitators (
    circle_id TEXT NOT NULL REFERENCES circles (id),
    user_id   TEXT NOT NULL REFERENCES users (id),
    PRIMARY KEY (circle_id, user_id)
);
CREATE INDEX circle_facilitators_user ON circle_facilitators (user_id);

-- Every stage move, with who moved it and when.
CREATE TABLE circle_stages (
    id        TEXT PRIMARY KEY,
    circle_id TEXT NOT NULL REFERENCES circles (id),
    stage     TEXT NOT NULL,
    at        INTEGER NOT NULL,
    moved_by  TEXT NOT NULL
);
CREATE INDEX circle_stages_circle ON circle_stages (circle_id, at);

CREATE TABLE circle_people (
    id           TEXT PRIMARY KEY,
    circle_id    TEXT NOT NULL REFERENCES circles (id),
    subject      TEXT NOT NULL REFERENCES subjects (id),
    sealed       BLOB,
    plan         BLOB,
    added_at     INTEGER NOT NULL,
    added_by     TEXT NOT NULL,
    withdrawn_at INTEGER
);
CREATE INDEX circle_people_circle ON circle_people (circle_id);
CREATE UNIQUE INDEX circle_people_subject ON circle_people (subject);

-- Each consent given or withdrawn, as recorded by a facilitator; the latest for a person and what counts.
CREATE TABLE circle_consents (
    id           TEXT PRIMARY KEY,
    circle_id    TEXT NOT NULL REFERENCES circles (id),
    person_id    TEXT NOT NULL REFERENCES circle_people (id),
    what         TEXT NOT NULL,
    agreement_id TEXT,
    given        INTEGER NOT NULL,
    at           INTEGER NOT NULL,
    recorded_by  TEXT NOT NULL
);
CREATE INDEX circle_consents_circle ON circle_consents (circle_id, at);

CREATE TABLE circle_notes (
    id          TEXT PRIMARY KEY,
    circle_id   TEXT NOT NULL REFERENCES circles (id),
    person_id   TEXT NOT NULL REFERENCES circle_people (id),
    sealed      BLOB NOT NULL,
    author      TEXT NOT NULL,
    author_name TEXT NOT NULL,
    created_at  INTEGER NOT NULL
);
CREATE INDEX circle_notes_circle ON circle_notes (circle_id, created_at);

CREATE TABLE circle_agreements (
    id        TEXT PRIMARY KEY,
    circle_id TEXT NOT NULL REFERENCES circles (id),
    made_at   INTEGER NOT NULL,
    made_by   TEXT NOT NULL
);
CREATE INDEX circle_agreements_circle ON circle_agreements (circle_id);

CREATE TABLE circle_commitments (
    id           TEXT PRIMARY KEY,
    agreement_id TEXT NOT NULL REFERENCES circle_agreements (id),
    person_id    TEXT NOT NULL REFERENCES circle_people (id),
    position     INTEGER NOT NULL,
    sealed       BLOB NOT NULL,
    due_on       TEXT NOT NULL,
    status       TEXT NOT NULL,
    updated_at   INTEGER NOT NULL
);
CREATE INDEX circle_commitments_agreement ON circle_commitments (agreement_id, position);

-- Check-ins after an agreement: scheduled, then a result (as the team's follow-ups), its note under the circle's key.
CREATE TABLE circle_check_ins (
    id        TEXT PRIMARY KEY,
    circle_id TEXT NOT NULL REFERENCES circles (id),
    due_at    INTEGER NOT NULL,
    result    TEXT,
    sealed    BLOB,
    done_at   INTEGER,
    done_by   TEXT,
    tries     INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX circle_check_ins_circle ON circle_check_ins (circle_id, due_at);
