-- The figures of a period read only this index, never the requests' rows (docs/metrics.md, BENCHMARKS.md): every
-- column they group or time by, in the order of the time a request came in.
CREATE INDEX requests_impact ON requests (created_at, channel, status, outcome, priority, availability, ems_consent,
  neighbourhood, needs, assigned_at, on_scene_at, closed_at, subject, id);
