-- A token made for a person ends (90 days unless chosen otherwise): a volunteer who leaves does not keep a working
-- key. Tokens that act for no person (integrations) may be kept until revoked (NULL).
ALTER TABLE api_tokens ADD COLUMN expires_at INTEGER;
