-- An admin's password-reset link ends 24 hours after it was made (a first setup link, a week after the account).
ALTER TABLE users ADD COLUMN setup_until BIGINT;
