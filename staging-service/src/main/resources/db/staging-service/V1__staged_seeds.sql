-- Every accepted seed and how far its staging write is. A refused request leaves no row.
create table staged_seed (
  seed_id                 varchar(200)  not null primary key,
  import_job_name         varchar(64)   not null,
  -- Import/Export job names are unique among Seedship's jobs regardless of case
  import_job_name_key     varchar(64)   not null unique,
  subscription_id         varchar(36)   not null,
  -- the SeedRequest, single-object Avro: paths and names only (the publish-settings file stays where it is)
  request                 bytea         not null,
  correlation_id          varchar(64)   not null,
  staging_dir             varchar(4000) not null,
  estimated_staged_bytes  bigint        not null,
  state                   varchar(16)   not null,
  owner                   varchar(200),
  ready_event_id          varchar(64),
  certificate_thumbprint  varchar(40),
  accepted_at             timestamp with time zone not null,
  started_at              timestamp with time zone,
  finished_at             timestamp with time zone,
  manifest_sha256         varchar(64),
  source_bytes            bigint,
  staged_bytes            bigint,
  file_count              bigint,
  chunk_count             integer,
  failure                 varchar(4000)
);
create index staged_seed_state on staged_seed (state, owner);
