-- The audit log: one row per recorded act, chained by hash (see ChainHash). Nothing in the service updates or deletes
-- a row; in the PostgreSQL profile the service's database role cannot either (db/audit-service-postgres).
create table audit_entry (
    sequence        bigint        primary key,
    recorded_at     timestamp with time zone not null,
    occurred_at     timestamp with time zone not null,
    actor_type      varchar(20)   not null,
    actor_id        varchar(200)  not null,
    action          varchar(100)  not null,
    entity_type     varchar(100),
    entity_id       varchar(200),
    before_state    varchar(8000),
    after_state     varchar(8000),
    trace_id        varchar(64),
    source          varchar(200)  not null,
    source_event_id varchar(64)   not null,
    prev_hash       varchar(64)   not null,
    hash            varchar(64)   not null,
    constraint ux_audit_entry_source_event unique (source_event_id),
    constraint ck_audit_entry_actor_type check (actor_type in ('USER', 'SERVICE', 'SYSTEM'))
);
create index ix_audit_entry_actor on audit_entry (actor_id, sequence);
create index ix_audit_entry_entity on audit_entry (entity_id, sequence);
create index ix_audit_entry_action on audit_entry (action, sequence);
create index ix_audit_entry_occurred on audit_entry (occurred_at);

-- Every N entries a signature over the entry's sequence and hash (Ed25519, the service's key).
create table audit_checkpoint (
    sequence   bigint       primary key,
    entry_hash varchar(64)  not null,
    signed_at  timestamp with time zone not null,
    key_id     varchar(16)  not null,
    public_key varchar(200) not null,
    signature  varchar(200) not null
);

-- Where the chain ends: one row, locked by every append, so replicas append one after the other without gaps.
create table audit_chain_head (
    id       int         primary key,
    sequence bigint      not null,
    hash     varchar(64) not null,
    constraint ck_audit_chain_head_single check (id = 1)
);
insert into audit_chain_head (id, sequence, hash) values (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
