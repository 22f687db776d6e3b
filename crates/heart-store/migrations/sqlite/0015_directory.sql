-- The resource directory (Open Referral HSDS 3.0): one row per HSDS record (what one row of the tabular package
-- holds), as JSON, by kind and id. Public data about services, never about the people served.
CREATE TABLE directory_records (
    kind        TEXT NOT NULL,
    id          TEXT NOT NULL,
    doc         TEXT NOT NULL,
    modified_at INTEGER NOT NULL,
    PRIMARY KEY (kind, id)
);

-- A counter bumped by every change, so a running server rebuilds its search index within seconds of an import
-- made by the command line.
CREATE TABLE directory_state (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    version    INTEGER NOT NULL,
    changed_at INTEGER NOT NULL
);
