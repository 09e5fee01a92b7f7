-- One row per customer who placed an order with a cap on unpaid orders: the customer's placements take turns on it,
-- so counting the unpaid orders and creating the next one is one step, whichever instance of the hub or of
-- order-service handles them.
create table customer_placement_lock (
    user_id varchar(64) primary key
);
