package io.seedship.importmonitor;

import io.seedship.runtime.test.TestDatabases;
import java.util.Map;

class ImportMonitorOnH2Test extends ImportMonitorContract {

  @Override
  Map<String, Object> database() {
    return TestDatabases.h2("importmonitor-service");
  }
}
