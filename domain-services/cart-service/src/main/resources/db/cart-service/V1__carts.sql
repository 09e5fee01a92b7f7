-- A cart belongs to a user (user_id) or to whoever holds its id (anonymous, user_id null).
-- active_user_id equals user_id while the cart is ACTIVE and is null otherwise: its unique constraint allows
-- one active cart per user and any number of checked-out or merged ones (portable to H2 and PostgreSQL).
create table cart (
    id             varchar(64) primary key,
    user_id        varchar(64),
    active_user_id varchar(64),
    status         varchar(20) not null,
    checkout_id    varchar(64),
    merged_into    varchar(64),
    version        bigint      not null,
    created_at     timestamp   not null,
    updated_at     timestamp   not null,
    constraint uq_cart_active_user unique (active_user_id),
    constraint ck_cart_status check (status in ('ACTIVE', 'CHECKED_OUT', 'MERGED'))
);
create index ix_cart_user on cart (user_id, updated_at);
create index ix_cart_checkout on cart (checkout_id);

-- One line per variant and cart; unit_price is the price the shopper saw when the line was (last) added.
create table cart_item (
    id         varchar(64)    primary key,
    cart_id    varchar(64)    not null references cart (id),
    product_id varchar(64)    not null,
    variant_id varchar(64)    not null,
    name       varchar(200)   not null,
    unit_price numeric(15, 2) not null,
    currency   varchar(3)     not null,
    quantity   int            not null,
    added_at   timestamp      not null,
    updated_at timestamp      not null,
    constraint uq_cart_item_variant unique (cart_id, product_id, variant_id),
    constraint ck_cart_item_quantity check (quantity > 0),
    constraint ck_cart_item_price check (unit_price >= 0)
);
create index ix_cart_item_cart on cart_item (cart_id, added_at);
