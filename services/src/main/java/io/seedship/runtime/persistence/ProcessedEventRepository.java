package io.seedship.runtime.persistence;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.Collection;
import java.util.List;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface ProcessedEventRepository extends CrudRepository<ProcessedEvent, String> {

  List<ProcessedEvent> findByEventIdIn(Collection<String> eventIds);
}
