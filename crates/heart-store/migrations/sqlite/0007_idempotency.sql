-- A client that retries a request after a timeout or a 503 (a failover) sends the same Idempotency-Key: the
-- retry finds the request the first try made instead of making a second. The key is a hash of who sent it and
-- their key; nothing personal.
CREATE TABLE idempotency_keys (
    key        TEXT PRIMARY KEY,
    request_id TEXT NOT NULL REFERENCES requests(id),
    created_at INTEGER NOT NULL
);
CREATE INDEX idempotency_keys_created ON idempotency_keys(created_at);
