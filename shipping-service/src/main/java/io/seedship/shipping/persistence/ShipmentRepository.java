package io.seedship.shipping.persistence;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface ShipmentRepository extends CrudRepository<Shipment, String> {

  Optional<Shipment> findByTrackingKey(String trackingKey);
}
