package io.seedship.diskprep.flow;

import io.seedship.runtime.test.TestDatabases;
import java.util.Map;

/** On PostgreSQL, for an agent that keeps its state in a server database. */
class DiskprepServiceOnPostgresTest extends DiskprepServiceContract {

  @Override
  Map<String, Object> database() {
    return TestDatabases.postgres("diskprep-service");
  }
}
