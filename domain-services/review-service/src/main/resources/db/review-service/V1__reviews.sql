-- One review per customer and product; the unique key is what keeps a second one out under concurrency too.
create table review (
    id                varchar(64)   primary key,
    product_id        varchar(64)   not null,
    user_id           varchar(64)   not null,
    rating            int           not null,
    title             varchar(120)  not null,
    body              varchar(5000),
    status            varchar(20)   not null,
    flag_reason       varchar(200),
    moderation_reason varchar(500),
    helpful_count     int           not null default 0,
    edited            boolean       not null default false,
    created_at        timestamp     not null,
    updated_at        timestamp     not null,
    constraint ux_review_author unique (product_id, user_id),
    constraint ck_review_rating check (rating between 1 and 5),
    constraint ck_review_status check (status in ('PUBLISHED', 'PENDING_MODERATION', 'REJECTED'))
);
create index ix_review_product_status on review (product_id, status, created_at);
create index ix_review_status_created on review (status, created_at);
create index ix_review_user on review (user_id, created_at);

-- One helpful vote per customer and review.
create table review_vote (
    review_id varchar(64) not null references review (id) on delete cascade,
    user_id   varchar(64) not null,
    voted_at  timestamp   not null,
    primary key (review_id, user_id)
);

-- The rating of every product from its published reviews, changed in the transaction that changes a review.
create table rating_summary (
    product_id   varchar(64) primary key,
    review_count bigint      not null default 0,
    rating_sum   bigint      not null default 0,
    stars_1      bigint      not null default 0,
    stars_2      bigint      not null default 0,
    stars_3      bigint      not null default 0,
    stars_4      bigint      not null default 0,
    stars_5      bigint      not null default 0,
    updated_at   timestamp   not null
);

-- What the order events told us: who bought what, and whether the order went through. CANCELLED is final, so a
-- cancellation that arrives before its confirmation (they travel on different topics) still wins.
create table purchase_order (
    order_id   varchar(64) primary key,
    user_id    varchar(64) not null,
    status     varchar(20) not null,
    updated_at timestamp   not null,
    constraint ck_purchase_order_status check (status in ('CONFIRMED', 'COMPLETED', 'CANCELLED'))
);
create index ix_purchase_order_user on purchase_order (user_id);

create table purchase_item (
    order_id   varchar(64) not null,
    product_id varchar(64) not null,
    primary key (order_id, product_id)
);
create index ix_purchase_item_product on purchase_item (product_id);

-- Order events already applied, by event id: a redelivered or replayed event changes nothing.
create table processed_event (
    event_id     varchar(64)  primary key,
    event_type   varchar(100) not null,
    processed_at timestamp    not null
);
