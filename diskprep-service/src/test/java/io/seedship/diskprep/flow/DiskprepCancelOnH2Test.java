package io.seedship.diskprep.flow;

import io.seedship.runtime.test.TestDatabases;
import java.util.Map;

/** Cancels on a copy machine's default: the embedded H2 file database. */
class DiskprepCancelOnH2Test extends DiskprepCancelContract {

  @Override
  Map<String, Object> database() {
    return TestDatabases.h2("diskprep-cancel");
  }
}
