-- The seeds this copy machine prepares drives for, and how far each is. A seed for another copy machine leaves no row.
create table prep_seed (
  seed_id            varchar(200)  not null primary key,
  -- the SeedAccepted event, single-object Avro: what the import job needs (names, addresses), no secret
  accepted           bytea         not null,
  state              varchar(16)   not null,
  staging_dir        varchar(4000),
  manifest_path      varchar(4000),
  manifest_sha256    varchar(64),
  -- drive space the staged data needs, NTFS and manifest overhead included
  bytes_needed       bigint,
  -- the staged files' blob paths and lengths (gzipped lines), so a confirmation plans drives without reading staging
  staged_files       bytea,
  confirmed_by       varchar(200),
  import_job_name    varchar(64),
  import_job_id      varchar(1000),
  updated_at         timestamp with time zone not null
);

-- Every drive ever confirmed on this copy machine. The serial is the key: a drive belongs to one seed, once.
create table prep_drive (
  serial             varchar(200)  not null primary key,
  seed_id            varchar(200)  not null references prep_seed (seed_id),
  drive_index        integer       not null,
  device             varchar(4000) not null,
  size_bytes         bigint        not null,
  state              varchar(16)   not null,
  -- sealed with the agent's key-encryption key (AES-256-GCM), bound to the serial; never in plaintext
  recovery_password  bytea,
  manifest_file      varchar(200),
  manifest_hash      varchar(32),
  -- offset:length:SHA-512 entries joined by ';' (drive-format's DriveHeaderHash)
  drive_header_hash  varchar(8000),
  blob_count         integer,
  data_bytes         bigint,
  confirmed_at       timestamp with time zone not null,
  written_at         timestamp with time zone
);
create index prep_drive_seed on prep_drive (seed_id, drive_index);
