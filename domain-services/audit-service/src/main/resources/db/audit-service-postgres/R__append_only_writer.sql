-- The role the service runs as may read the log and add to it, never change or remove an entry or a checkpoint
-- (PostgreSQL profile). The role is created here when the owner may create roles; otherwise a database administrator
-- creates it first (CREATE ROLE ${writer} LOGIN PASSWORD '…') and this script only grants.
do $$
begin
    if not exists (select from pg_roles where rolname = '${writer}') then
        create role ${writer} login;
    end if;
end
$$;

grant usage on schema public to ${writer};
revoke all on audit_entry, audit_checkpoint, audit_chain_head, outbox_event from public;
revoke all on audit_entry, audit_checkpoint, audit_chain_head, outbox_event from ${writer};
grant select, insert on audit_entry, audit_checkpoint to ${writer};
-- the chain's end moves with every append (verify never trusts it: it recomputes the chain from the entries)
grant select, update on audit_chain_head to ${writer};
-- the shared outbox table is relayed and purged like in every service
grant select, insert, update, delete on outbox_event to ${writer};
