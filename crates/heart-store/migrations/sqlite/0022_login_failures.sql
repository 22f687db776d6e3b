-- Failed sign-ins are slowed, never turned into a lock an outsider could keep on someone. The account holder is told
-- how many failed attempts there were since they last signed in: counted here (no address, no password kept),
-- moved to failed_at_last_signin when they sign in, and shown on their next sign-in and on /account.
ALTER TABLE users ADD COLUMN failed_logins INTEGER NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN last_failed_login_at INTEGER;
ALTER TABLE users ADD COLUMN failed_at_last_signin INTEGER NOT NULL DEFAULT 0;
