-- Scale (docs/performance.md, "Scale"): the sign-in log of one user is listed newest first by id, so its index holds
-- the id after the user: the database reads the newest entries of that user from the index and stops after a page,
-- instead of fetching every entry of the user and sorting them (a busy account or service principal has many).
-- Portable between PostgreSQL and H2 (MODE=PostgreSQL). On a large log this builds one index at the upgrade.
create index ix_sign_in_log_user_newest on sign_in_log (user_id, id);
drop index ix_sign_in_log_user;
