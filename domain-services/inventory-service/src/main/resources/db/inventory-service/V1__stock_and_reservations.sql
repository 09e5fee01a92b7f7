-- available = on_hand - reserved. The check constraint is the last line of defence against overselling.
create table stock_item (
    product_id varchar(64) not null,
    variant_id varchar(64) not null,
    on_hand    int         not null,
    reserved   int         not null,
    updated_at timestamp   not null,
    primary key (product_id, variant_id),
    constraint ck_stock_item_levels check (on_hand >= 0 and reserved >= 0 and reserved <= on_hand)
);

create table reservation (
    order_id   varchar(64) primary key,
    status     varchar(20) not null,
    created_at timestamp   not null,
    updated_at timestamp   not null
);

create table reservation_line (
    order_id   varchar(64) not null references reservation (order_id),
    product_id varchar(64) not null,
    variant_id varchar(64) not null,
    quantity   int         not null,
    primary key (order_id, product_id, variant_id),
    constraint ck_reservation_line_quantity check (quantity > 0)
);
