package io.seedship.runtime.persistence;

import io.micronaut.spring.boot.starter.EnableMicronaut;
import org.flywaydb.core.Flyway;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Micronaut Data repositories on Spring Boot's DataSource and transaction manager, and the two sets of Flyway
 * migrations of a service database: the runtime's own tables (history table {@code seedship_runtime_history}) first,
 * then the service's ({@code db/<service-name>}, Flyway's default history table).
 */
@Configuration(proxyBeanMethods = false)
// the starter hands Spring Boot's DataSource to Micronaut as "default" by itself
@EnableMicronaut(filter = RepositoriesOnly.class)
public class PersistenceConfiguration {

  static final String RUNTIME_LOCATION = "classpath:db/runtime";
  static final String RUNTIME_HISTORY = "seedship_runtime_history";

  @Bean
  FlywayMigrationStrategy seedshipMigrations() {
    return service -> {
      Flyway.configure().configuration(service.getConfiguration())
          .locations(RUNTIME_LOCATION).table(RUNTIME_HISTORY)
          .baselineOnMigrate(true).baselineVersion("0")
          .load().migrate();
      Flyway.configure().configuration(service.getConfiguration())
          .baselineOnMigrate(true).baselineVersion("0")
          .load().migrate();
    };
  }
}
