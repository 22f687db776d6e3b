-- A team's base (where it starts a shift from, set by the coordinators) apart from where it last said it was
-- (shared from the responder view, with the time it was shared): ETAs use a recent report, else the base.
ALTER TABLE teams ADD COLUMN base_lat REAL;
ALTER TABLE teams ADD COLUMN base_lon REAL;
ALTER TABLE teams ADD COLUMN position_at INTEGER;
UPDATE teams SET base_lat = lat, base_lon = lon;
