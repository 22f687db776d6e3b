-- What a responder's phone sent after a time with no signal: each action ("on our way", "arrived", a check-in, the
-- encounter) carries a key the device made for it and the device's time; the key is kept, in the change set of the
-- action itself, so the same action sent again is known and not done twice, and the board shows both times. No
-- personal data: a key, what was done, to which request or team, and when.
CREATE TABLE device_sends (
    key         TEXT PRIMARY KEY,
    actor       TEXT NOT NULL,
    what        TEXT NOT NULL,
    request_id  TEXT,
    team_id     TEXT,
    device_at   BIGINT NOT NULL,
    received_at BIGINT NOT NULL
);
CREATE INDEX device_sends_request ON device_sends (request_id);
