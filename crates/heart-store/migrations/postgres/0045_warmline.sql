-- The warmline: a call or a text that needed no request, in three fields (minutes, what it was about, what was
-- offered) and when. Nothing personal: no name, no number, no words. Counted by month from one index.
CREATE TABLE warmline_contacts (
    id          TEXT PRIMARY KEY,
    at          BIGINT NOT NULL,
    channel     TEXT NOT NULL,
    minutes     BIGINT NOT NULL,
    about       TEXT NOT NULL,
    offered     TEXT NOT NULL,
    recorded_by TEXT NOT NULL,
    recorded_at BIGINT NOT NULL
);
CREATE INDEX warmline_contacts_at ON warmline_contacts (at, channel, about, offered, minutes);
