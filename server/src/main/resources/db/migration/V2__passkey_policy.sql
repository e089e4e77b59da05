-- Keyward schema, version 2: the passkey (FIDO2) authentication method policy.
-- Portable between PostgreSQL and H2 (MODE=PostgreSQL).

-- One row per authentication method; the configuration is a JSON document with Graph's property names
-- (null = the default configuration). version is the ETag; every change increments it.
create table authentication_method_policy (
    method_id       varchar(32) primary key,
    configuration   varchar(1048576),
    version         bigint not null,
    modified_at     timestamp with time zone not null
);

insert into authentication_method_policy (method_id, configuration, version, modified_at)
values ('fido2', null, 0, current_timestamp);

-- Policy changes are audited with the whole configuration before and after, which can exceed 64 KiB.
alter table directory_audit alter column modified_properties set data type varchar(2097152);
