-- Strong sign-in: TOTP second factor (its seed sealed under the key file), recovery codes, idle expiry and
-- two-step sessions.

ALTER TABLE sessions ADD COLUMN last_seen_at BIGINT NOT NULL DEFAULT 0;
-- 'password' (second factor still to give), 'enrol' (must set up a second factor first) or 'full'.
ALTER TABLE sessions ADD COLUMN stage TEXT NOT NULL DEFAULT 'full';

ALTER TABLE users ADD COLUMN totp_kek BIGINT;
ALTER TABLE users ADD COLUMN totp_secret BYTEA;
ALTER TABLE users ADD COLUMN totp_enabled_at BIGINT;
-- The last 30-second step accepted: a code is never accepted twice.
ALTER TABLE users ADD COLUMN totp_last_step BIGINT NOT NULL DEFAULT 0;

CREATE TABLE recovery_codes (
    user_id   TEXT NOT NULL REFERENCES users(id),
    code_hash TEXT NOT NULL,
    used_at   BIGINT,
    PRIMARY KEY (user_id, code_hash)
);
