-- One Entra ID application per (cloud, tenant, Azure user): AzureOfflineBackup_<Azure user id>. Its row is also the
-- lock that serializes preparations of the same application (two seeds must not create two applications).
create table offline_application (
  application_key  varchar(200) not null primary key,
  cloud            varchar(32)  not null,
  tenant_id        varchar(36)  not null,
  azure_user_id    varchar(36)  not null,
  display_name     varchar(120) not null,
  application_id   varchar(36),
  object_id        varchar(36),
  updated_at       timestamp with time zone not null
);

-- Our certificates, one current per (application, backup server ResourceId). No private key here: see private_key.
-- No foreign key to offline_application: a certificate is saved in its own transaction while the application row is
-- locked, and PostgreSQL's key-share lock of a foreign key check would wait for that lock.
create table offline_certificate (
  thumbprint       varchar(40)  not null primary key,
  application_key  varchar(200) not null,
  resource_id      varchar(64)  not null,
  subject          varchar(200) not null,
  certificate      bytea        not null,
  not_before       timestamp with time zone not null,
  not_after        timestamp with time zone not null,
  state            varchar(16)  not null,
  created_at       timestamp with time zone not null,
  proven_at        timestamp with time zone
);
create index offline_certificate_application on offline_certificate (application_key, resource_id);

-- Private keys, sealed with AES-256-GCM under a key-encryption key from configuration (KeyWrapper). A key vault can
-- replace this table behind PrivateKeyVault.
create table private_key (
  thumbprint  varchar(40) not null primary key,
  sealed      bytea       not null,
  created_at  timestamp with time zone not null
);

-- The backup servers prepared, and the storage accounts each was prepared for: the server files are written from
-- these rows, so a renewal rewrites every file a server has.
create table backup_server (
  server_name      varchar(253) not null primary key,
  application_key  varchar(200) not null,
  resource_id      varchar(64)  not null,
  subscription_id  varchar(36)  not null,
  updated_at       timestamp with time zone not null
);

create table backup_server_storage (
  server_name      varchar(253) not null,
  storage_account  varchar(24)  not null,
  resource_group   varchar(90)  not null,
  primary key (server_name, storage_account)
);
