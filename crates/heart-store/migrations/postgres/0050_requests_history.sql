-- Past requests newest first, a page at a time (`history`): the columns the filter reads beside the order's, so the
-- count and the rows a deep page skips are read from this index, and only the page's own rows from the table.
DROP INDEX requests_created;
CREATE INDEX requests_history ON requests (created_at, id) INCLUDE (channel, status, outcome, team_id);
