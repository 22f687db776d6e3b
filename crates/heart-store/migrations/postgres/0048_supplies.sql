-- Supplies: stock of each kind at each place by expiry day ('' for none), never below zero; the mark under which
-- a kind at a place is low; every movement (received, given, moved) with where it came from or went to, and what
-- a walk gave beyond the stock recorded (its shortfall, until a coordinator has looked); the days the low-stock
-- alert went out.
CREATE TABLE supply_lots (
    kind       TEXT NOT NULL,
    place      TEXT NOT NULL,
    expires_on TEXT NOT NULL DEFAULT '',
    on_hand    BIGINT NOT NULL CHECK (on_hand >= 0),
    PRIMARY KEY (kind, place, expires_on)
);
CREATE TABLE supply_levels (
    kind   TEXT NOT NULL,
    place  TEXT NOT NULL,
    low_at BIGINT NOT NULL CHECK (low_at >= 0),
    PRIMARY KEY (kind, place)
);
CREATE TABLE supply_moves (
    id            TEXT PRIMARY KEY,
    at            BIGINT NOT NULL,
    direction     TEXT NOT NULL,
    kind          TEXT NOT NULL,
    place         TEXT NOT NULL,
    to_place      TEXT,
    count         BIGINT NOT NULL CHECK (count > 0),
    shortfall     BIGINT NOT NULL DEFAULT 0 CHECK (shortfall >= 0),
    expires_on    TEXT,
    source        TEXT,
    entry_id      TEXT,
    donor_id      TEXT,
    donor_name    TEXT,
    receipt_token TEXT,
    walk_id       TEXT,
    request_id    TEXT,
    recorded_by   TEXT NOT NULL,
    checked_by    TEXT,
    checked_at    BIGINT
);
CREATE INDEX supply_moves_at ON supply_moves (at);
CREATE INDEX supply_moves_receipt ON supply_moves (receipt_token);
CREATE TABLE supply_alerts (
    day TEXT PRIMARY KEY,
    at  BIGINT NOT NULL
);
