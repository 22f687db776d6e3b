-- A legal demand's free text (their reference, what was asked, what was handed over) is sealed: under the named
-- person's key (and erased with them), else under the deployment's key-encryption key (`kek_id` set). The plain
-- columns stay empty for rows written from now on; rows already there are sealed by the next start
-- (`sql::seal_legal_in_the_clear`, in Rust: the keys are not in the database).
ALTER TABLE legal_demands ADD COLUMN sealed BYTEA;
ALTER TABLE legal_demands ADD COLUMN kek_id BIGINT;
