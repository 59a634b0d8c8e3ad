package io.seedship.diskprep.persistence;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.List;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface PrepDriveRepository extends CrudRepository<PrepDrive, String> {

  List<PrepDrive> findBySeedIdOrderByDriveIndex(String seedId);
}
