package io.seedship.cert.persistence;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.List;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface OfflineCertificateRepository extends CrudRepository<OfflineCertificateRow, String> {

  List<OfflineCertificateRow> findByApplicationKeyAndResourceIdOrderByNotAfterDesc(String applicationKey,
                                                                                    String resourceId);

  List<OfflineCertificateRow> findByStateOrderByNotAfter(CertificateState state);
}
