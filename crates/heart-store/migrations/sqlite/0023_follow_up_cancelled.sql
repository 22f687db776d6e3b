-- A follow-up that will not happen because the person was erased: cancelled at the erasure, never "done".
ALTER TABLE follow_ups ADD COLUMN cancelled_at INTEGER;
UPDATE follow_ups SET cancelled_at = (SELECT s.erased_at FROM requests r JOIN subjects s ON s.id = r.subject
    WHERE r.id = follow_ups.request_id)
  WHERE done_at IS NULL
    AND request_id IN (SELECT r.id FROM requests r JOIN subjects s ON s.id = r.subject WHERE s.erased_at IS NOT NULL);
