-- How a person's alerts reach them besides their devices, and when they do not: by text (the number sealed under a
-- data key of the person's own, kept past the retention period and shredded when they take the number away),
-- their quiet hours (minutes after local midnight, across midnight when from > until; "need help" still reaches
-- them), whether they are on call outside shifts, and the alerts' words in their language.
CREATE TABLE alert_ways (
    user_id    TEXT PRIMARY KEY REFERENCES users(id),
    subject    TEXT REFERENCES subjects(id),
    by_text    BOOLEAN NOT NULL DEFAULT FALSE,
    sealed     BYTEA,
    quiet_from BIGINT,
    quiet_until BIGINT,
    on_call    BOOLEAN NOT NULL DEFAULT FALSE,
    words      TEXT NOT NULL,
    updated_at BIGINT NOT NULL,
    CHECK ((quiet_from IS NULL) = (quiet_until IS NULL))
);
