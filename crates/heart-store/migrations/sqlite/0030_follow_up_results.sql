-- Follow-ups that can fail: how the last try went (reached, no_answer, rescheduled, declined, or could_not_reach
-- once the tries ran out), how many tries were made, and who took it ("mine").
ALTER TABLE follow_ups ADD COLUMN result TEXT CHECK (result IN ('reached', 'no_answer', 'rescheduled', 'declined', 'could_not_reach'));
ALTER TABLE follow_ups ADD COLUMN tries INTEGER NOT NULL DEFAULT 0;
ALTER TABLE follow_ups ADD COLUMN taken_by TEXT;
