-- Custom authentication strengths (the built-in three live in code), their passkey-model restrictions, conditional
-- access policies, and the conditional-access outcome of each sign-in.

create table authentication_strength (
    id                      uuid primary key,
    display_name            varchar(256) not null,
    description             varchar(1024),
    -- allowed combinations in canonical text ("password,sms"), separated by ';'
    allowed_combinations    varchar(4000) not null,
    created_at              timestamp with time zone not null,
    modified_at             timestamp with time zone not null
);

create table authentication_combination_configuration (
    id                      uuid primary key,
    strength_id             uuid not null references authentication_strength (id) on delete cascade,
    -- allowed AAGUIDs, lowercase, separated by spaces
    allowed_aaguids         varchar(8000) not null,
    created_at              timestamp with time zone not null
);
create index ix_combination_configuration_strength on authentication_combination_configuration (strength_id);

create table conditional_access_policy (
    id                          uuid primary key,
    display_name                varchar(256) not null,
    state                       varchar(48) not null,
    -- each a space-separated list of ids or the special values All, None, GuestsOrExternalUsers
    include_users               varchar(8000) not null,
    exclude_users               varchar(8000) not null,
    include_groups              varchar(8000) not null,
    exclude_groups              varchar(8000) not null,
    include_roles               varchar(4000) not null,
    exclude_roles               varchar(4000) not null,
    include_applications        varchar(8000) not null,
    exclude_applications        varchar(8000) not null,
    block                       boolean not null,
    authentication_strength_id  uuid,
    created_at                  timestamp with time zone not null,
    modified_at                 timestamp with time zone not null
);
create index ix_conditional_access_policy_strength on conditional_access_policy (authentication_strength_id);

alter table sign_in_log add column conditional_access_status varchar(16);
alter table sign_in_log add column applied_conditional_access varchar(16000);
