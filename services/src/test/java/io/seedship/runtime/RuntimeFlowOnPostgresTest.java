package io.seedship.runtime;

import io.seedship.runtime.test.TestDatabases;
import java.util.Map;

/** The runtime's promises on PostgreSQL, as deployed: a database per service. */
class RuntimeFlowOnPostgresTest extends RuntimeFlowContract {

  @Override
  Map<String, Object> database(String serviceName) {
    return TestDatabases.postgres(serviceName);
  }
}
