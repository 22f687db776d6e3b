-- Files brought in by `heart import`: each file's SHA-256 (of the file as read, with its kind) kept in the change set
-- that wrote its rows, so the same file imported again is refused instead of doubling the history or the books.
CREATE TABLE imports (
    digest TEXT PRIMARY KEY,
    kind   TEXT NOT NULL,
    rows   INTEGER NOT NULL,
    actor  TEXT NOT NULL,
    at     INTEGER NOT NULL
);
