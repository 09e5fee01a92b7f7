-- Orders that count as purchases (confirmed or completed, and not cancelled after payment), their products, and what
-- the catalog and the stock say about each product. Co-occurrence and popularity are counted from these on read.
create table purchase (
    order_id    varchar(64) primary key,
    user_id     varchar(64) not null,
    -- COUNTED, or CANCELLED (also when the cancellation arrived before the confirmation: it never counts)
    status      varchar(20) not null,
    occurred_at timestamp   not null
);
create index ix_purchase_user on purchase (user_id, status, occurred_at);

create table purchase_line (
    order_id   varchar(64) not null references purchase (order_id),
    product_id varchar(64) not null,
    primary key (order_id, product_id)
);
create index ix_purchase_line_product on purchase_line (product_id, order_id);

create table product_fact (
    product_id        varchar(64) primary key,
    category          varchar(100),
    active            boolean     not null,
    in_stock          boolean     not null,
    source_updated_at timestamp,
    stock_observed_at timestamp
);
create index ix_product_fact_category on product_fact (category);

create table processed_event (
    event_id     varchar(64) primary key,
    processed_at timestamp   not null
);
