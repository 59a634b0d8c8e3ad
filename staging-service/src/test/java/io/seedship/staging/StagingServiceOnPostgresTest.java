package io.seedship.staging;

import io.seedship.runtime.test.TestDatabases;
import java.util.Map;

class StagingServiceOnPostgresTest extends StagingServiceContract {

  @Override
  Map<String, Object> database(String name) {
    return TestDatabases.postgres(name);
  }
}
