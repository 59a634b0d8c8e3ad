package io.seedship.importmonitor;

import io.seedship.runtime.test.TestDatabases;
import java.util.Map;

/** PostgreSQL, where a deployment keeps importmonitor-service's tables: the group claim is a row lock there. */
class ImportMonitorOnPostgresTest extends ImportMonitorContract {

  @Override
  Map<String, Object> database() {
    return TestDatabases.postgres("importmonitor-service");
  }
}
