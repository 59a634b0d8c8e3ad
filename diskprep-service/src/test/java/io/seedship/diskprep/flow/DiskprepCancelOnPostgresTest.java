package io.seedship.diskprep.flow;

import io.seedship.runtime.test.TestDatabases;
import java.util.Map;

/** Cancels on PostgreSQL, whose row locks the cancel and the drive write take for real. */
class DiskprepCancelOnPostgresTest extends DiskprepCancelContract {

  @Override
  Map<String, Object> database() {
    return TestDatabases.postgres("diskprep-cancel");
  }
}
