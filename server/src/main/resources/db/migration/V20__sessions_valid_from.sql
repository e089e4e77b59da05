-- Per-user revocation of sign-in sessions (Graph user property signInSessionsValidFromDateTime): browser sessions
-- opened at or before this instant are refused. Null: never revoked.
alter table directory_user add column sign_in_sessions_valid_from timestamp with time zone;
