-- Shipping details not yet on Azure: given before the import job exists (shipping-service has not seen
-- ImportJobCreated yet; commands and events travel on different topics), or a change of a registered package that
-- waits for Azure's answer. One per seed; the tracking number is reserved in used_tracking_number meanwhile.
create table shipment_request (
  seed_id             varchar(200)  not null primary key,
  tracking_key        varchar(100)  not null unique,
  tracking_number     varchar(100)  not null,
  carrier_name        varchar(100)  not null,
  drive_count         integer       not null,
  ship_date           date          not null,
  confirmed_by        varchar(200)  not null,
  received_at         timestamp with time zone not null
);

-- Every tracking number ever given to a seed: a number sent to Azure is never released, so a changed package does
-- not free its old number for another job. Only a request refused before it reached Azure gives its number back.
create table used_tracking_number (
  tracking_key        varchar(100)  not null primary key,
  seed_id             varchar(200)  not null,
  first_used_at       timestamp with time zone not null
);
insert into used_tracking_number (tracking_key, seed_id, first_used_at)
  select tracking_key, seed_id, registered_at from shipment;

-- The arrival deadline a warning or expiry was published for: a changed package moves the deadline, and the units
-- scheduled for the old and the new one publish once per deadline between them.
alter table shipment add column warned_for timestamp with time zone;
alter table shipment add column expired_for timestamp with time zone;

-- One row per seed that handlers lock first: the seed's commands and its ImportJobCreated arrive on different topics
-- and are handled concurrently; without a common lock each transaction misses the other's uncommitted row (details
-- kept for a job that was being recorded at that moment, and never registered).
create table shipping_seed (
  seed_id             varchar(200)  not null primary key
);
