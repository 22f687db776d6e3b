-- The rota: a team's weekly pattern makes shifts (the rota's slots) four weeks ahead; people take places in them.
-- A slot says how many people it needs; its version goes up with every change to its places, so two people taking
-- the last place at once cannot both have it. A person's calendar feed is found by its token's hash alone.
ALTER TABLE shifts ADD COLUMN needed BIGINT NOT NULL DEFAULT 2;
ALTER TABLE shifts ADD COLUMN from_pattern BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE shifts ADD COLUMN version BIGINT NOT NULL DEFAULT 1;
CREATE UNIQUE INDEX shifts_pattern_slot ON shifts (team_id, starts_at) WHERE from_pattern;

CREATE TABLE rota_patterns (
    team_id TEXT PRIMARY KEY REFERENCES teams(id),
    pattern TEXT NOT NULL,
    needed  BIGINT NOT NULL CHECK (needed BETWEEN 2 AND 20),
    set_at  BIGINT NOT NULL,
    set_by  TEXT NOT NULL
);

CREATE TABLE shift_people (
    shift_id   TEXT NOT NULL REFERENCES shifts(id),
    user_id    TEXT NOT NULL REFERENCES users(id),
    since      BIGINT NOT NULL,
    offered_at BIGINT,
    placed_by  TEXT NOT NULL,
    PRIMARY KEY (shift_id, user_id)
);
CREATE INDEX shift_people_user ON shift_people (user_id);

CREATE TABLE rota_feeds (
    user_id    TEXT PRIMARY KEY REFERENCES users(id),
    token_hash TEXT NOT NULL UNIQUE,
    created_at BIGINT NOT NULL
);
