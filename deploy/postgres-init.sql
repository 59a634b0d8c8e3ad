-- One database per service: each service owns its tables (STACK.md, ARCHITECTURE.md).
create database cert_service;
create database staging_service;
create database diskprep_service;
create database shipping_service;
create database importmonitor_service;
create database vault_service;
