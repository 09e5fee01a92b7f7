-- One row per order; items and status history hang off it. The total is computed by the service from the items.
create table orders (
    id                varchar(64)    primary key,
    user_id           varchar(64)    not null,
    status            varchar(20)    not null,
    currency          varchar(3)     not null,
    total             numeric(19, 2) not null,
    shipping_address  varchar(500)   not null,
    payment_method_id varchar(64),
    payment_id        varchar(64),
    created_at        timestamp      not null,
    updated_at        timestamp      not null,
    version           bigint         not null,
    constraint ck_orders_status check (status in ('PENDING', 'CONFIRMED', 'COMPLETED', 'CANCELLED')),
    constraint ck_orders_total check (total >= 0)
);
create index ix_orders_user on orders (user_id, created_at);
create index ix_orders_status on orders (status, created_at);
create index ix_orders_created on orders (created_at);

create table order_item (
    order_id   varchar(64)    not null references orders (id),
    position   int            not null,
    product_id varchar(64)    not null,
    variant_id varchar(64)    not null,
    name       varchar(200)   not null,
    unit_price numeric(12, 2) not null,
    quantity   int            not null,
    line_total numeric(19, 2) not null,
    primary key (order_id, position),
    constraint ck_order_item_quantity check (quantity between 1 and 10000),
    constraint ck_order_item_price check (unit_price >= 0)
);

-- Append-only: one row per status change, the first one (from_status null) when the order was placed.
create table order_status_change (
    order_id    varchar(64)  not null references orders (id),
    position    int          not null,
    from_status varchar(20),
    to_status   varchar(20)  not null,
    reason      varchar(500) not null,
    changed_at  timestamp    not null,
    primary key (order_id, position)
);
