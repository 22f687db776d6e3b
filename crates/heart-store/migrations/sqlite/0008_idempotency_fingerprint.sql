-- A retry must carry the same request as the first try: the key remembers a hash of what was sent (no personal
-- data: a SHA-256 of the whole input), and the same key with a different body is refused.
ALTER TABLE idempotency_keys ADD COLUMN fingerprint TEXT NOT NULL DEFAULT '';
