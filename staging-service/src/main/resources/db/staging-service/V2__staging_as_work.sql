-- Staging runs as the runtime's durable work (stage_work claims, leases and resumes it): the seed no longer names
-- the instance that writes it.
drop index staged_seed_state;
alter table staged_seed drop column owner;
create index staged_seed_state on staged_seed (state);
