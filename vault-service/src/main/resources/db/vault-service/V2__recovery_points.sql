-- The backup server named by the seed request (whose vault makes the recovery point), and what the import verified.
alter table vault_seed add column backup_server varchar(255);
alter table vault_seed add column imported_bytes bigint;
alter table vault_seed add column imported_blobs integer;
-- when vault-service began to watch for the recovery point, on Azure's clock (its time limit counts from there)
alter table vault_seed add column recovery_watch_from timestamp with time zone;

-- The seed's recovery point, once the backup server's agent made it, and the restore that checks it (local-azure).
create table vault_recovery_point (
  seed_id             varchar(200)  not null primary key,
  vault_id            varchar(400)  not null,
  backup_server       varchar(255)  not null,
  protected_item_id   varchar(1000) not null,
  recovery_point_id   varchar(1000) not null,
  recovery_point_time timestamp with time zone not null,
  restore_operation   varchar(2000)
);

-- When each stage of a seed began, from the compacted status topic every service writes: SeedCompleted's timeline.
create table seed_stage_start (
  id                  varchar(240)  not null primary key,
  seed_id             varchar(200)  not null,
  stage               varchar(20)   not null,
  started_at          timestamp with time zone not null
);
create index seed_stage_start_seed on seed_stage_start (seed_id);
