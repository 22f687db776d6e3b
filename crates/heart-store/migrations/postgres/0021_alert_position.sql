-- Where a "need help" or lapsed check-in alert places the team, and how that was known: the phone's location at the
-- press ("device"), the assigned request's point while en route or on scene ("request"), the last position the
-- team shared ("shared") or its base ("base"), with the time of that position. Positions are kept only while the
-- alert is open (cleared with it) and are removed with the person when they are erased.
ALTER TABLE alerts ADD COLUMN position_source TEXT;
ALTER TABLE alerts ADD COLUMN position_at BIGINT;
UPDATE alerts SET lat = NULL, lon = NULL WHERE cleared_at IS NOT NULL;
