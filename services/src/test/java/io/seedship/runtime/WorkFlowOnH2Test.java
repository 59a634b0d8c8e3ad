package io.seedship.runtime;

import io.seedship.runtime.test.TestDatabases;
import java.util.Map;

class WorkFlowOnH2Test extends WorkFlowContract {

  @Override
  Map<String, Object> database(String serviceName) {
    return TestDatabases.h2(serviceName);
  }
}
