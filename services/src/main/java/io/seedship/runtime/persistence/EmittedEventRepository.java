package io.seedship.runtime.persistence;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.List;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface EmittedEventRepository extends CrudRepository<EmittedEvent, String> {

  List<EmittedEvent> findByCauseEventIdOrderBySeq(String causeEventId);
}
