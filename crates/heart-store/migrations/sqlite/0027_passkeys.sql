-- Passkeys (WebAuthn) as a second factor beside the app's codes: several per account, each with the name its holder
-- gave it. `credential` is the verified public key with its signature counter (webauthn-rs's Passkey as JSON):
-- nothing in it is secret. An account has at most one ceremony outstanding (adding a passkey, or signing in or
-- confirming with one): its challenge state, kept a few minutes, so that any node can finish what another began.
CREATE TABLE passkeys (
    id             TEXT PRIMARY KEY,
    user_id        TEXT NOT NULL REFERENCES users(id),
    name           TEXT NOT NULL,
    credential_id  TEXT NOT NULL UNIQUE,
    credential     TEXT NOT NULL,
    created_at     INTEGER NOT NULL,
    last_used_at   INTEGER
);
CREATE INDEX passkeys_user ON passkeys (user_id);
CREATE TABLE passkey_ceremonies (
    user_id     TEXT PRIMARY KEY REFERENCES users(id),
    purpose     TEXT NOT NULL CHECK (purpose IN ('register', 'authenticate')),
    state       TEXT NOT NULL,
    expires_at  INTEGER NOT NULL
);
