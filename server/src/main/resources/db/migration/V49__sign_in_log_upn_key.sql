-- Scale (docs/performance.md, "Scale"): the sign-in log is filtered by user principal name case-insensitively (Graph's
-- eq). The name stays as it was given; upn_key holds it lower-cased, written with each entry (SignInEntry, @CaseFolded),
-- so that this index serves the filter newest first instead of a walk of the whole log comparing
-- lower(user_principal_name). An ordinary column and index: portable between PostgreSQL and H2 (MODE=PostgreSQL), which
-- has no expression indexes. Existing entries are filled here; on a large log the upgrade rewrites every entry once.
alter table sign_in_log add column upn_key varchar(113);
update sign_in_log set upn_key = lower(user_principal_name) where user_principal_name is not null;
create index ix_sign_in_log_upn_newest on sign_in_log (upn_key, id);
