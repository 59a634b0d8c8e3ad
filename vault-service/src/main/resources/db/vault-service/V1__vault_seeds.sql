-- What vault-service knows of a seed: where its import lands (from SeedAccepted's request) and what staging wrote
-- (from StagingCompleted): the verification of the import compares the two.
create table vault_seed (
  seed_id             varchar(200)  not null primary key,
  import_job_name     varchar(64)   not null,
  subscription_id     varchar(36)   not null,
  resource_group      varchar(90)   not null,
  storage_account     varchar(24)   not null,
  container_name      varchar(63)   not null,
  manifest_sha256     varchar(64),
  staged_bytes        bigint,
  chunk_count         integer,
  accepted_at         timestamp with time zone not null
);
