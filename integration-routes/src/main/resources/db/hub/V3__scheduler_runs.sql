-- Every run of a scheduled job, on whichever hub ran it: what /api/scheduler shows as last run and history.
create table scheduler_run (
    id            varchar(64)   primary key,
    job_name      varchar(100)  not null,
    kind          varchar(20)   not null,
    requested_by  varchar(100),
    node          varchar(200)  not null,
    scheduled_for timestamp     not null,
    started_at    timestamp     not null,
    finished_at   timestamp,
    result        varchar(20)   not null,
    summary       varchar(2000)
);
create index scheduler_run_by_job on scheduler_run (job_name, started_at);
