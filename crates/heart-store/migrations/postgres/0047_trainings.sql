-- Training records: what each person on the team trained in, on which day, and until when it holds (days as
-- YYYY-MM-DD). Removed records go (a mistake typed is not kept).
CREATE TABLE trainings (
    id          TEXT PRIMARY KEY,
    user_id     TEXT NOT NULL REFERENCES users (id),
    kind        TEXT NOT NULL,
    done_on     TEXT NOT NULL,
    expires_on  TEXT,
    recorded_by TEXT NOT NULL,
    recorded_at BIGINT NOT NULL
);
CREATE INDEX trainings_user ON trainings (user_id, kind);
