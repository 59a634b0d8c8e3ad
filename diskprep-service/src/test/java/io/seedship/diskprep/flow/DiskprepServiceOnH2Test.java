package io.seedship.diskprep.flow;

import io.seedship.runtime.test.TestDatabases;
import java.util.Map;

/** On a copy machine's default: the embedded H2 file database. */
class DiskprepServiceOnH2Test extends DiskprepServiceContract {

  @Override
  Map<String, Object> database() {
    return TestDatabases.h2("diskprep-service");
  }
}
