package io.seedship.runtime;

import io.seedship.runtime.test.TestDatabases;
import java.util.Map;

/** The runtime's promises on the embedded default: an H2 file database per service. */
class RuntimeFlowOnH2Test extends RuntimeFlowContract {

  @Override
  Map<String, Object> database(String serviceName) {
    return TestDatabases.h2(serviceName);
  }
}
