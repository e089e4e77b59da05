-- Keyward schema, version 3: authenticator metadata. Portable between PostgreSQL and H2 (MODE=PostgreSQL).

-- The last good FIDO MDS3 BLOB, as imported (compact JWS), with what Keyward read from it. One row: an accepted
-- import replaces it; a refused one never touches it.
create table metadata_blob (
    serial_no       integer primary key,
    next_update     date not null,
    entry_count     integer not null,
    imported_at     timestamp with time zone not null,
    imported_by     varchar(256),
    blob_jwt        varchar(10485760) not null
);

-- Metadata an admin defines for an AAGUID: model name, attestation roots and trusted attestation keys (PEM).
create table admin_metadata (
    aaguid              uuid primary key,
    description         varchar(256) not null,
    attestation_roots   varchar(1048576) not null,
    trusted_keys        varchar(1048576) not null,
    created_at          timestamp with time zone not null,
    updated_at          timestamp with time zone not null,
    version             bigint not null
);
