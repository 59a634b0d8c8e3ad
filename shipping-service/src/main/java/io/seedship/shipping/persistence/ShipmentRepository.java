package io.seedship.shipping.persistence;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.time.Instant;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface ShipmentRepository extends CrudRepository<Shipment, String> {

  Optional<Shipment> findByTrackingKey(String trackingKey);

  /** 1 when this call is the first to warn of {@code deadline}: the row lock decides between racing units. */
  @Query("update shipment set warned_for = :deadline where seed_id = :seedId"
      + " and (warned_for is null or warned_for <> :deadline)")
  int markWarned(String seedId, Instant deadline);

  /** 1 when this call is the first to report {@code deadline} as passed. */
  @Query("update shipment set expired_for = :deadline where seed_id = :seedId"
      + " and (expired_for is null or expired_for <> :deadline)")
  int markExpired(String seedId, Instant deadline);
}
