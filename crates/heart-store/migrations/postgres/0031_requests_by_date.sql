-- Past requests newest first, a page at a time, over any period (`history`).
CREATE INDEX requests_created ON requests (created_at, id);
