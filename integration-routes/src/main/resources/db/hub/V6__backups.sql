-- The backups the hub ran (/api/backups): one row per backup, one per app's database in it.
create table backup (
    id           varchar(64)   primary key,
    status       varchar(20)   not null,
    requested_by varchar(100)  not null,
    started_at   timestamp     not null,
    finished_at  timestamp,
    verification varchar(20),
    verified_at  timestamp,
    summary      varchar(2000)
);
create index backup_by_start on backup (started_at);

create table backup_part (
    backup_id     varchar(64)   not null references backup (id),
    app           varchar(100)  not null,
    file          varchar(300),
    bytes         bigint,
    sha256        varchar(64),
    format        varchar(40),
    created_at    timestamp,
    error         varchar(2000),
    verified      boolean,
    verified_at   timestamp,
    verify_detail varchar(2000),
    primary key (backup_id, app)
);
