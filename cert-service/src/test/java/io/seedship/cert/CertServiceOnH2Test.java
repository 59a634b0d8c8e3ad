package io.seedship.cert;

import io.seedship.runtime.test.TestDatabases;
import java.util.Map;

class CertServiceOnH2Test extends CertServiceContract {

  @Override
  Map<String, Object> database(String name) {
    return TestDatabases.h2(name);
  }
}
