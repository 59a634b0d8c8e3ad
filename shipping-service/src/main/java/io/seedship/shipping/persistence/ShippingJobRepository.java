package io.seedship.shipping.persistence;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.time.Instant;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface ShippingJobRepository extends CrudRepository<ShippingJob, String> {

  /** Records the first time Azure took the job's cancel; a repeat keeps that time. */
  @Query("update shipping_job set cancel_sent_at = :at where seed_id = :seedId and cancel_sent_at is null")
  int markCancelSent(String seedId, Instant at);
}
