create table work_seed (
  seed_id   varchar(200) not null primary key,
  behaviour varchar(100) not null,
  state     varchar(16)  not null,
  runs      integer      not null
);
