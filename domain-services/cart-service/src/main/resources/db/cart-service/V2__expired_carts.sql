-- An ACTIVE cart nobody touched for a long time is EXPIRED by the scheduler's expire-abandoned-carts job: it keeps
-- its lines (for the shop's figures) but is no one's active cart any more.
alter table cart drop constraint ck_cart_status;
alter table cart add constraint ck_cart_status check (status in ('ACTIVE', 'CHECKED_OUT', 'MERGED', 'EXPIRED'));
create index ix_cart_status_updated on cart (status, updated_at);
