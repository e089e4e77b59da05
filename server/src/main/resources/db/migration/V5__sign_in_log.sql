-- The sign-in log: every sign-in attempt with its method, result and reason code.

create table sign_in_log (
    id                      uuid primary key,
    created_at              timestamp with time zone not null,
    user_id                 uuid,
    user_principal_name     varchar(113),
    user_display_name       varchar(256),
    app_id                  varchar(64) not null,
    app_display_name        varchar(256) not null,
    ip_address              varchar(64),
    client_app              varchar(64) not null,
    method                  varchar(64) not null,
    method_detail           varchar(256),
    succeeded               boolean not null,
    error_code              integer not null,
    reason_code             varchar(64),
    failure_reason          varchar(1024),
    aaguid                  uuid,
    credential_id           varchar(1400),
    audit_only_reason       varchar(64)
);
create index ix_sign_in_log_time on sign_in_log (created_at);
create index ix_sign_in_log_user on sign_in_log (user_id);
