-- Counters of failed secret (password, Temporary Access Pass) sign-ins, one row per counted key: an account as seen
-- from one client address, a client address across accounts, and an account across addresses. Keys are SHA-256 hex
-- digests, so neither names nor addresses are stored here. Counting and refusing is one conditional UPDATE.
create table secret_guess_counter (
    counter_key     varchar(64) primary key,
    window_start    timestamp with time zone not null,
    failures        integer not null
);
