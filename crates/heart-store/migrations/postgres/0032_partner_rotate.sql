-- A partner's secret can be changed (`heart partner rotate`): the one before keeps verifying until
-- `old_secret_until`, sealed under the KEK like the current one (and re-sealed with it when the KEK rotates).
ALTER TABLE partners ADD COLUMN old_secret_kek BIGINT;
ALTER TABLE partners ADD COLUMN old_secret BYTEA;
ALTER TABLE partners ADD COLUMN old_secret_until BIGINT;
