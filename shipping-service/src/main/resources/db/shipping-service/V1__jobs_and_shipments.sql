-- The import jobs whose drives shipping-service sends, from ImportJobCreated.
create table shipping_job (
  seed_id             varchar(200)  not null primary key,
  import_job_name     varchar(64)   not null,
  subscription_id     varchar(36)   not null,
  resource_group      varchar(90)   not null,
  location            varchar(100)  not null,
  -- the job's drive ids and the location's carriers, one per line
  drive_ids           varchar(4000) not null,
  carriers            varchar(4000) not null,
  created_at          timestamp with time zone not null
);

-- One package per job (the seed is the key), and a tracking number names one package of one job, ever: the database
-- holds both rules, so two registrations that race cannot both pass a check made before either committed.
create table shipment (
  seed_id             varchar(200)  not null primary key references shipping_job (seed_id),
  tracking_key        varchar(100)  not null unique,
  tracking_number     varchar(100)  not null,
  carrier_name        varchar(100)  not null,
  drive_count         integer       not null,
  ship_date           date          not null,
  confirmed_by        varchar(200)  not null,
  state               varchar(16)   not null,
  registered_at       timestamp with time zone not null,
  arrival_deadline    timestamp with time zone
);
