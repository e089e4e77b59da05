-- OpenID Connect provider (issue 7): app registrations as clients of the authorization code flow, pending
-- authorization requests, single-use codes, grants with rotating refresh tokens, and browser sign-in sessions.
-- Every secret value (reference, code, refresh token, session cookie) is stored as its SHA-256 only.

-- CONFIDENTIAL: authenticates with a client secret at the token endpoint; PUBLIC: cannot keep a secret (PKCE only).
alter table application add column client_type varchar(16) default 'CONFIDENTIAL' not null;

-- Exact-match redirect URIs (RFC 9700 §2.1), and where the app may send people after sign-out.
create table application_redirect_uri (
    application_id  uuid not null references application (id) on delete cascade,
    uri             varchar(2048) not null,
    primary key (application_id, uri)
);

create table application_logout_uri (
    application_id  uuid not null references application (id) on delete cascade,
    uri             varchar(2048) not null,
    primary key (application_id, uri)
);

-- Delegated Graph permissions an administrator granted the app (no user consent in Keyward).
create table application_delegated_permission (
    application_id  uuid not null references application (id) on delete cascade,
    permission      varchar(128) not null,
    primary key (application_id, permission)
);

-- A browser sign-in through Keyward's pages: the facts an ID token tells about it (sid, auth_time, amr).
-- Bound to the session cookie by the cookie's hash.
create table sign_in_session (
    id                  uuid primary key,
    cookie_hash         varchar(64) not null,
    user_id             uuid not null references directory_user (id) on delete cascade,
    method              varchar(32) not null,
    amr                 varchar(128) not null,
    aaguid              uuid,
    authenticated_at    timestamp with time zone not null,
    expires_at          timestamp with time zone not null,
    ended_at            timestamp with time zone,
    constraint uq_sign_in_session_cookie unique (cookie_hash)
);
create index ix_sign_in_session_expiry on sign_in_session (expires_at);

-- An authorization request waiting for the person to sign in.
create table pending_authorization (
    reference_hash  varchar(64) primary key,
    application_id  uuid not null references application (id) on delete cascade,
    request         varchar(16384) not null,
    created_at      timestamp with time zone not null,
    expires_at      timestamp with time zone not null
);
create index ix_pending_authorization_expiry on pending_authorization (expires_at);

-- What one code redemption granted: the family its refresh tokens belong to, revoked as a whole.
create table oauth_grant (
    id                  uuid primary key,
    application_id      uuid not null references application (id) on delete cascade,
    user_id             uuid not null references directory_user (id) on delete cascade,
    scopes              varchar(4096) not null,
    session_id          uuid,
    authenticated_at    timestamp with time zone not null,
    amr                 varchar(128) not null,
    created_at          timestamp with time zone not null,
    revoked_at          timestamp with time zone,
    revoked_reason      varchar(64)
);

create table authorization_code (
    code_hash           varchar(64) primary key,
    application_id      uuid not null references application (id) on delete cascade,
    user_id             uuid not null references directory_user (id) on delete cascade,
    redirect_uri        varchar(2048) not null,
    code_challenge      varchar(128) not null,
    nonce               varchar(1024),
    scopes              varchar(4096) not null,
    session_id          uuid,
    authenticated_at    timestamp with time zone not null,
    amr                 varchar(128) not null,
    created_at          timestamp with time zone not null,
    expires_at          timestamp with time zone not null,
    redeemed_at         timestamp with time zone,
    grant_id            uuid
);
create index ix_authorization_code_expiry on authorization_code (expires_at);

create table refresh_token (
    token_hash      varchar(64) primary key,
    grant_id        uuid not null references oauth_grant (id) on delete cascade,
    created_at      timestamp with time zone not null,
    expires_at      timestamp with time zone not null,
    rotated_at      timestamp with time zone
);
create index ix_refresh_token_grant on refresh_token (grant_id);
