-- The scheduler's sweep reads the reservations still held, oldest first.
create index ix_reservation_status_created on reservation (status, created_at);
