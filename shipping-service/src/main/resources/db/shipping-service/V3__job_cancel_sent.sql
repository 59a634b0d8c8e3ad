-- When shipping-service asked Azure to cancel the job for an operator's CancelSeed (null: never asked, or refused).
-- Azure keeps the job's cancelRequested too; this column lets an operator see it without asking Azure.
alter table shipping_job add column cancel_sent_at timestamp with time zone;
