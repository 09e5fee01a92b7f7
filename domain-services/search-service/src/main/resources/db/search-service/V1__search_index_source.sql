-- What the index is built from: the catalog as product-service last described it, the stock as inventory-service
-- last reported it and the rating as review-service last published it. Hibernate Search keeps the Lucene index in step
-- with this table; a deleted product stays as a tombstone so that a late, older description cannot bring it back.
create table search_product (
    id                varchar(64)    primary key,
    name              varchar(200),
    description       varchar(4000),
    category          varchar(100),
    currency          varchar(3),
    min_price         numeric(12, 2),
    max_price         numeric(12, 2),
    active            boolean        not null,
    deleted           boolean        not null,
    in_stock          boolean        not null,
    rating_average    double precision,
    rating_count      bigint         not null,
    created_at        timestamp,
    source_updated_at timestamp,
    rating_updated_at timestamp,
    stock_updated_at  timestamp,
    seen_at           timestamp      not null,
    version           bigint         not null
);
create index ix_search_product_seen on search_product (seen_at);

-- Every event id the feed has applied: a redelivered or replayed event changes nothing.
create table processed_event (
    event_id     varchar(64) primary key,
    processed_at timestamp   not null
);

-- Rebuilds of the index from product-service, page by page, while the index keeps answering.
create table reindex_run (
    id             varchar(64)  primary key,
    status         varchar(20)  not null,
    requested_by   varchar(64)  not null,
    started_at     timestamp    not null,
    progressed_at  timestamp    not null,
    finished_at    timestamp,
    pages          int          not null,
    products       bigint       not null,
    removed        bigint       not null,
    failure        varchar(1000),
    version        bigint       not null
);
