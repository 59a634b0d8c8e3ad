-- The import jobs importmonitor-service watches (one per seed, from ImportJobCreated) and what it last saw of each:
-- an event is published only for a difference between Azure's answer and these rows, in the transaction that updates
-- them, so a restart neither misses nor repeats a transition.
create table watched_job (
  seed_id             varchar(200)  not null primary key,
  subscription_id     varchar(36)   not null,
  resource_group      varchar(90)   not null,
  import_job_name     varchar(64)   not null,
  import_job_id       varchar(400)  not null,
  storage_account_id  varchar(400),
  -- the ImportJobCreated it came from: every event about the job is caused by it and shares its correlation
  cause_event_id      varchar(64)   not null,
  correlation_id      varchar(64)   not null,
  -- the last observation; job_state null until the job was first seen
  job_state           varchar(16),
  percent_complete    integer,
  cancel_requested    boolean       not null default false,
  observations        bigint        not null default 0,
  missing_polls       integer       not null default 0,
  first_seen_at       timestamp with time zone,
  last_change_at      timestamp with time zone,
  finished_at         timestamp with time zone,
  outcome             varchar(24),
  created_at          timestamp with time zone not null
);
create index watched_job_group on watched_job (subscription_id, resource_group, finished_at);

create table watched_drive (
  seed_id             varchar(200)  not null references watched_job (seed_id),
  drive_id            varchar(200)  not null,
  state               varchar(24),
  copy_status         varchar(64),
  percent_complete    integer,
  bytes_succeeded     bigint,
  error_log_uri       varchar(2000),
  verbose_log_uri     varchar(2000),
  primary key (seed_id, drive_id)
);

-- One row per resource group with watched jobs: the unit of polling (one paged list per group, whatever its job
-- count). A poller claims a due group for claim_until, so two instances never poll one group at once.
create table watched_group (
  subscription_id     varchar(36)   not null,
  resource_group      varchar(90)   not null,
  next_poll_at        timestamp with time zone not null,
  claimed_by          varchar(200),
  claimed_until       timestamp with time zone,
  throttled_until     timestamp with time zone,
  last_polled_at      timestamp with time zone,
  polls               bigint        not null default 0,
  primary key (subscription_id, resource_group)
);
create index watched_group_due on watched_group (next_poll_at);
