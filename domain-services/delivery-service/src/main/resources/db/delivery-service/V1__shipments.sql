-- One shipment per order; the unique order_id is what makes creating a shipment idempotent under concurrency.
create table shipment (
    id               varchar(64)  primary key,
    order_id         varchar(64)  not null,
    user_id          varchar(64)  not null,
    shipping_address varchar(500) not null,
    carrier          varchar(100) not null,
    tracking_number  varchar(40)  not null,
    status           varchar(20)  not null,
    created_at       timestamp    not null,
    updated_at       timestamp    not null,
    constraint ux_shipment_order unique (order_id),
    constraint ux_shipment_tracking_number unique (tracking_number),
    constraint ck_shipment_status check (status in ('CREATED', 'PICKED_UP', 'IN_TRANSIT', 'DELIVERED', 'CANCELLED'))
);
-- the carrier simulator looks for open shipments whose last change is old enough
create index ix_shipment_status_updated on shipment (status, updated_at);
create index ix_shipment_created on shipment (created_at);
create index ix_shipment_user on shipment (user_id, created_at);

-- Every status a shipment went through, including its creation (from_status null).
create table shipment_status_change (
    shipment_id varchar(64)  not null references shipment (id),
    seq         int          not null,
    from_status varchar(20),
    to_status   varchar(20)  not null,
    note        varchar(500),
    changed_at  timestamp    not null,
    primary key (shipment_id, seq)
);
