-- Debriefs after hard calls: a "need help" alert, an EMS contact, a death, violence seen, or a team saying "this was
-- a hard one" opens one for a coordinator, due within 24 hours and listed until done. What is said in it is never
-- kept: only why it was opened, that it happened, and whether someone asked for time off.
CREATE TABLE debriefs (
    id         TEXT PRIMARY KEY,
    team_id    TEXT,
    request_id TEXT,
    reasons    TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    due_at     BIGINT NOT NULL,
    done_at    BIGINT,
    done_by    TEXT,
    time_off   BOOLEAN NOT NULL DEFAULT FALSE
);
CREATE INDEX debriefs_open ON debriefs (done_at, due_at);
CREATE INDEX debriefs_request ON debriefs (request_id);
