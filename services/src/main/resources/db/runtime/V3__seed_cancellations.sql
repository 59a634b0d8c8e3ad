-- Seeds an operator cancelled, as this service heard it (CancelSeed): kept so that a stage reached later, when the
-- cancel overtook the event that hands the seed over, ends the seed instead of starting it.
create table seed_cancellation (
  seed_id       varchar(200)  not null primary key,
  event_id      varchar(64)   not null,
  reason        varchar(1000) not null,
  requested_by  varchar(200)  not null,
  requested_at  timestamp with time zone not null
);
