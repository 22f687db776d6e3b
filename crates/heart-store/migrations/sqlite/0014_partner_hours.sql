-- A partner's business hours ("mon-fri 09:00-17:00; sat 10:00-14:00", the team's time zone): while its staff are
-- there, its alerts go through at once; outside them, its escalation timer holds them.
ALTER TABLE partners ADD COLUMN business_hours TEXT NOT NULL DEFAULT '';
