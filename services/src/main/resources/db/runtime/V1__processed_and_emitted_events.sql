-- Idempotent consumption: one row per handled event, written in the handler's own transaction.
create table processed_event (
  event_id          varchar(64)  not null primary key,
  event_type        varchar(200) not null,
  seed_id           varchar(200) not null,
  source_topic      varchar(249) not null,
  source_partition  integer      not null,
  source_offset     bigint       not null,
  processed_at      timestamp with time zone not null
);
create index processed_event_seed on processed_event (seed_id);

-- What handling an event published, to publish it again if the Kafka transaction aborted after the database committed.
create table emitted_event (
  event_id        varchar(64)  not null primary key,
  cause_event_id  varchar(64)  not null,
  seq             integer      not null,
  topic           varchar(249) not null,
  payload         bytea        not null
);
create index emitted_event_cause on emitted_event (cause_event_id, seq);
