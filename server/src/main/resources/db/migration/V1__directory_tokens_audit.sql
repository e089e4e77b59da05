-- Keyward schema, version 1: the directory, app registrations and tokens, the directory audit log.
-- Portable between PostgreSQL and H2 (MODE=PostgreSQL). One installation holds one tenant.

create table tenant (
    id              uuid primary key,
    display_name    varchar(256) not null,
    default_domain  varchar(255) not null,
    created_at      timestamp with time zone not null
);

create table directory_user (
    id                                  uuid primary key,
    user_principal_name                 varchar(113) not null,
    upn_key                             varchar(113) not null,
    display_name                        varchar(256),
    given_name                          varchar(64),
    surname                             varchar(64),
    mail                                varchar(320),
    user_type                           varchar(16) not null,
    creation_type                       varchar(32),
    external_user_state                 varchar(32),
    external_user_state_changed_at      timestamp with time zone,
    account_enabled                     boolean not null,
    password_hash                       varchar(255),
    created_at                          timestamp with time zone not null,
    version                             bigint not null,
    constraint uq_directory_user_upn unique (upn_key)
);

create table directory_group (
    id                  uuid primary key,
    display_name        varchar(256) not null,
    description         varchar(1024),
    mail_nickname       varchar(64),
    mail                varchar(320),
    security_enabled    boolean not null,
    mail_enabled        boolean not null,
    created_at          timestamp with time zone not null,
    version             bigint not null
);

create table group_member (
    group_id    uuid not null references directory_group (id) on delete cascade,
    member_id   uuid not null,
    member_type varchar(8) not null,
    added_at    timestamp with time zone not null,
    primary key (group_id, member_id)
);
create index ix_group_member_member on group_member (member_id);

create table invitation (
    id                      uuid primary key,
    invited_user_id         uuid not null references directory_user (id) on delete cascade,
    invited_user_email      varchar(320) not null,
    invite_redirect_url     varchar(2048) not null,
    redeem_code_hash        varchar(128) not null,
    status                  varchar(32) not null,
    created_at              timestamp with time zone not null,
    redeemed_at             timestamp with time zone
);

create table application (
    id              uuid primary key,
    app_id          uuid not null,
    display_name    varchar(256) not null,
    created_at      timestamp with time zone not null,
    version         bigint not null,
    constraint uq_application_app_id unique (app_id)
);

create table application_permission (
    application_id  uuid not null references application (id) on delete cascade,
    permission      varchar(128) not null,
    primary key (application_id, permission)
);

create table client_secret (
    id              uuid primary key,
    application_id  uuid not null references application (id) on delete cascade,
    display_name    varchar(256),
    hint            varchar(8) not null,
    secret_hash     varchar(255) not null,
    created_at      timestamp with time zone not null,
    expires_at      timestamp with time zone not null
);

create table signing_key (
    kid         varchar(64) primary key,
    algorithm   varchar(16) not null,
    jwk         varchar(16384) not null,
    status      varchar(16) not null,
    created_at  timestamp with time zone not null,
    retired_at  timestamp with time zone
);

create table temporary_access_pass (
    id                  uuid primary key,
    user_id             uuid not null references directory_user (id) on delete cascade,
    pass_hash           varchar(255) not null,
    start_at            timestamp with time zone not null,
    lifetime_minutes    integer not null,
    usable_once         boolean not null,
    used_at             timestamp with time zone,
    created_at          timestamp with time zone not null
);

create table directory_audit (
    id                      uuid primary key,
    activity_at             timestamp with time zone not null,
    category                varchar(64) not null,
    activity                varchar(128) not null,
    operation_type          varchar(32) not null,
    result                  varchar(16) not null,
    result_reason           varchar(256),
    initiated_by_type       varchar(8) not null,
    initiated_by_id         varchar(64),
    initiated_by_name       varchar(256),
    target_id               varchar(64),
    target_type             varchar(32),
    target_name             varchar(256),
    modified_properties     varchar(65536),
    correlation_id          varchar(64)
);
create index ix_directory_audit_time on directory_audit (activity_at);

create table keyward_setting (
    name    varchar(128) primary key,
    setting_value   varchar(4096) not null
);

create table directory_role_assignment (
    user_id             uuid not null references directory_user (id) on delete cascade,
    role_template_id    varchar(36) not null,
    assigned_at         timestamp with time zone not null,
    primary key (user_id, role_template_id)
);
