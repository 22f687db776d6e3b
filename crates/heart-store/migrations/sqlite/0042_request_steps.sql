-- The figures' times and needs on the request's own row (docs/metrics.md), so a period's figures are one pass over
-- its requests: the first time it was assigned, on scene and closed (kept as transitions are written), and the
-- needs of its last encounter. Filled here from what was written before.
ALTER TABLE requests ADD COLUMN assigned_at INTEGER;
ALTER TABLE requests ADD COLUMN on_scene_at INTEGER;
ALTER TABLE requests ADD COLUMN closed_at INTEGER;
ALTER TABLE requests ADD COLUMN needs TEXT;
UPDATE requests SET
  assigned_at = (SELECT MIN(t.at) FROM request_transitions t WHERE t.request_id = requests.id AND t.to_status = 'assigned'),
  on_scene_at = (SELECT MIN(t.at) FROM request_transitions t WHERE t.request_id = requests.id AND t.to_status = 'on_scene'),
  closed_at = (SELECT MIN(t.at) FROM request_transitions t WHERE t.request_id = requests.id AND t.to_status = 'closed'),
  needs = (SELECT e.needs FROM encounters e WHERE e.request_id = requests.id ORDER BY e.created_at DESC, e.id DESC LIMIT 1);
-- A person's requests in time order: who came back is read from the index alone.
DROP INDEX requests_subject;
CREATE INDEX requests_subject ON requests(subject, created_at);
