-- Today's availability of a directory service, kept up by the people who run it: open, closed or full, how many
-- places are free (beds tonight), a short public note, and when and by whom it was said (shown as its age).
CREATE TABLE directory_capacity (
    service_id TEXT PRIMARY KEY,
    status     TEXT NOT NULL CHECK (status IN ('open', 'closed', 'full')),
    available  BIGINT,
    note       TEXT,
    updated_at BIGINT NOT NULL,
    updated_by TEXT NOT NULL
);
