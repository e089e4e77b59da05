-- Housekeeping (operations.Housekeeping, docs/operations.md) removes spent OpenID Connect rows once a minute per node
-- instead of at each sign-in. These indexes let each of its deletes find its rows without reading the whole table:
-- redeemed codes kept for the refresh-token lifetime, expired refresh tokens, and grants older than that lifetime.
create index ix_authorization_code_redeemed on authorization_code (redeemed_at);
create index ix_refresh_token_expiry on refresh_token (expires_at);
create index ix_oauth_grant_created on oauth_grant (created_at);
