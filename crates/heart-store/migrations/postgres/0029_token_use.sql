-- When each API token was last used (noted at most once a minute), so an admin can see which tokens are idle and
-- end them (`heart token list`, /accounts).
ALTER TABLE api_tokens ADD COLUMN last_used_at BIGINT;
