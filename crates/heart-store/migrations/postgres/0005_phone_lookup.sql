-- "Has this number asked before?" answers from the index alone: the newest request for a blind index is one seek,
-- however many times the number has called.
DROP INDEX requests_phone_index;
CREATE INDEX requests_phone_index ON requests(phone_index, created_at) WHERE phone_index IS NOT NULL;
