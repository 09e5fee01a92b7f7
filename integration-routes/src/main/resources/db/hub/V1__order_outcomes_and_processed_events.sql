-- Where the order process tells HTTP callers how far an order got (written in the engine's transaction).
create table order_outcome (
    order_id   varchar(64)   primary key,
    version    int           not null,
    state      varchar(30)   not null,
    failure    varchar(8000),
    updated_at timestamp     not null
);

-- Event ids a Kafka consumer of the hub has handled: redelivered events are recognised and skipped.
create table processed_event (
    consumer     varchar(100) not null,
    event_id     varchar(100) not null,
    processed_at timestamp    not null,
    primary key (consumer, event_id)
);
