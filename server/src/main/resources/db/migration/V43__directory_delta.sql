-- Graph delta queries on users (GET /users/delta): every change to a user takes the next number from one counter row,
-- whose row lock orders the changes as they commit, so a delta link's watermark never skips a change still in flight.
create table directory_change_counter (
    id          integer primary key,
    last_value  bigint not null
);
insert into directory_change_counter (id, last_value) values (1, 0);

alter table directory_user add column change_seq bigint default 0 not null;
create index ix_directory_user_change_seq on directory_user (change_seq);

-- Users are deleted for good; a tombstone tells delta clients which ones went.
create table deleted_directory_user (
    id          uuid primary key,
    change_seq  bigint not null,
    deleted_at  timestamp with time zone not null
);
create index ix_deleted_directory_user_change_seq on deleted_directory_user (change_seq);
