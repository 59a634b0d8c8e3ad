create table seed_request (
  seed_id          varchar(200) not null,
  import_job_name  varchar(64)  not null,
  primary key (seed_id, import_job_name)
);
