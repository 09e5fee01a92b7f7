-- Failed logins per (lower-case) email, also for emails without an account, so an answer never tells whether an
-- account exists. After a few failures each one makes the next attempt wait longer (see LoginThrottle); a successful
-- login deletes the row, and rows without a failure for a day are deleted.
create table login_failure (
    email          varchar(254) primary key,
    failures       integer      not null,
    last_failed_at timestamp    not null,
    blocked_until  timestamp
);
create index ix_login_failure_last_failed on login_failure (last_failed_at);
