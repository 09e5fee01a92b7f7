create table product (
    id          varchar(64)   primary key,
    name        varchar(200)  not null,
    description varchar(4000),
    category    varchar(100)  not null,
    currency    varchar(3)    not null,
    active      boolean       not null,
    deleted     boolean       not null,
    created_at  timestamp     not null,
    updated_at  timestamp     not null,
    version     bigint        not null
);
create index ix_product_category on product (category, deleted, active);

create table product_variant (
    product_id varchar(64)    not null references product (id),
    position   int            not null,
    id         varchar(64)    not null,
    name       varchar(200)   not null,
    price      numeric(12, 2) not null,
    primary key (product_id, position),
    constraint ck_variant_price check (price >= 0)
);
create unique index ux_product_variant_id on product_variant (product_id, id);
