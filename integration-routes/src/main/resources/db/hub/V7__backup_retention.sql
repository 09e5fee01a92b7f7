-- A backup past the retention (souk.backup.keep) has its files removed; its record stays, marked with the time.
alter table backup add column pruned_at timestamp;
