package io.seedship.runtime;

import io.seedship.runtime.test.TestDatabases;
import java.util.Map;

class WorkFlowOnPostgresTest extends WorkFlowContract {

  @Override
  Map<String, Object> database(String serviceName) {
    return TestDatabases.postgres(serviceName);
  }
}
