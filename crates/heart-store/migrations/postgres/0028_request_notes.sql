-- A request's timeline beside its status history: notes, tries to reach the person (with the result) and
-- handovers to the next shift. The words are personal data: sealed under the person's data key (erased with them).
-- Who wrote a line and when stay readable; a handover stays on the board until someone else marks it read.
CREATE TABLE request_notes (
    id          TEXT PRIMARY KEY,
    request_id  TEXT NOT NULL REFERENCES requests(id),
    kind        TEXT NOT NULL CHECK (kind IN ('note', 'call_attempt', 'handover')),
    result      TEXT CHECK (result IN ('reached', 'no_answer', 'voicemail', 'wrong_number')),
    sealed      BYTEA,
    author      TEXT NOT NULL,
    author_name TEXT NOT NULL,
    created_at  BIGINT NOT NULL,
    read_by     TEXT,
    read_at     BIGINT,
    CHECK ((kind = 'call_attempt') = (result IS NOT NULL))
);
CREATE INDEX request_notes_request ON request_notes (request_id, created_at);
CREATE INDEX request_notes_unread ON request_notes (kind, read_at);
