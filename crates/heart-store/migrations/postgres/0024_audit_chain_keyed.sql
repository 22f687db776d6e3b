-- The audit chain is keyed from here on (HMAC-SHA256 under a key from the key file, not a plain SHA-256). The
-- start that applies this migration re-links the intact chain under the key and signs its checkpoints again
-- (`sql::key_the_chain`, in Rust: the key is not in the database); no later start ever re-links anything.
SELECT 1;
