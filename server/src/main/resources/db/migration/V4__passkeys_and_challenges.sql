-- Passkeys (registered WebAuthn credentials) and single-use WebAuthn challenges shared by every node.

create table passkey (
    id                          varchar(36) primary key,
    user_id                     uuid not null references directory_user (id) on delete cascade,
    credential_id               varchar(1400) not null,
    display_name                varchar(64) not null,
    aaguid                      uuid not null,
    credential_record           varchar(16384) not null,
    sign_count                  bigint not null,
    attestation_format          varchar(32) not null,
    attestation_level           varchar(16) not null,
    attestation_certificates    varchar(4096) not null,
    transports                  varchar(128) not null,
    backup_eligible             boolean not null,
    backup_state                boolean not null,
    registered_upn              varchar(113) not null,
    created_at                  timestamp with time zone not null,
    last_used_at                timestamp with time zone,
    suspect_reason              varchar(64),
    version                     bigint not null,
    constraint uq_passkey_credential unique (credential_id)
);
create index ix_passkey_user on passkey (user_id);

create table webauthn_challenge (
    challenge       varchar(64) primary key,
    purpose         varchar(16) not null,
    user_id         uuid,
    channel         varchar(32),
    expires_at      timestamp with time zone not null,
    created_at      timestamp with time zone not null
);
create index ix_webauthn_challenge_expiry on webauthn_challenge (expires_at);
