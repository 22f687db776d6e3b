-- Outreach walks and events, counted without names: a place never finer than a block, the time, who went, and
-- the tallies. Items and returning-person codes carry their walk's start, so a period's counts are read from one
-- index each. A code is a keyed hash (the key beside the key file, never here): nobody can read it back.
CREATE TABLE outreach_walks (
    id             TEXT PRIMARY KEY,
    kind           TEXT NOT NULL,
    place          TEXT NOT NULL,
    neighbourhood  TEXT,
    started_at     BIGINT NOT NULL,
    ended_at       BIGINT NOT NULL,
    team_id        TEXT,
    people_reached BIGINT NOT NULL,
    conversations  BIGINT NOT NULL,
    naloxone_given BIGINT NOT NULL,
    naloxone_used  BIGINT NOT NULL,
    referrals      BIGINT NOT NULL,
    asked_for_team BIGINT NOT NULL,
    recorded_by    TEXT NOT NULL,
    recorded_at    BIGINT NOT NULL
);
CREATE INDEX outreach_walks_started ON outreach_walks (started_at);
-- The people who went (usernames).
CREATE TABLE outreach_people (
    walk_id  TEXT NOT NULL REFERENCES outreach_walks (id),
    username TEXT NOT NULL,
    PRIMARY KEY (walk_id, username)
);
CREATE TABLE outreach_items (
    walk_id    TEXT NOT NULL REFERENCES outreach_walks (id),
    kind       TEXT NOT NULL,
    given      BIGINT NOT NULL,
    started_at BIGINT NOT NULL,
    PRIMARY KEY (walk_id, kind)
);
CREATE INDEX outreach_items_started ON outreach_items (started_at, kind, given);
CREATE TABLE outreach_codes (
    walk_id    TEXT NOT NULL REFERENCES outreach_walks (id),
    code       TEXT NOT NULL,
    started_at BIGINT NOT NULL,
    PRIMARY KEY (walk_id, code)
);
CREATE INDEX outreach_codes_started ON outreach_codes (started_at, code);
-- The requests a walk opened ("asked for a team").
CREATE TABLE outreach_requests (
    request_id TEXT PRIMARY KEY,
    walk_id    TEXT NOT NULL REFERENCES outreach_walks (id)
);
CREATE INDEX outreach_requests_walk ON outreach_requests (walk_id);
