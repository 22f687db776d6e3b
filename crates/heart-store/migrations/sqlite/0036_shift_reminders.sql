-- Reminders the day before a shift: when each person's reminder went (once per place).
ALTER TABLE shift_people ADD COLUMN reminded_at INTEGER;
