-- Key rotation across nodes (two phases): every running node says which key-encryption keys its key file holds and
-- which it wraps under; `heart keys rotate --finish` records the KEK the deployment wraps under from then on, and
-- every node holding it as its prepared key follows.
CREATE TABLE node_keys (
    node     TEXT PRIMARY KEY,
    kek_ids  TEXT NOT NULL,
    wraps    BIGINT NOT NULL,
    seen_at  BIGINT NOT NULL
);
CREATE TABLE key_state (
    id           BIGINT PRIMARY KEY CHECK (id = 1),
    kek_in_use   BIGINT NOT NULL
);
