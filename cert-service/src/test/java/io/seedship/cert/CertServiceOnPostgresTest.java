package io.seedship.cert;

import io.seedship.runtime.test.TestDatabases;
import java.util.Map;

class CertServiceOnPostgresTest extends CertServiceContract {

  @Override
  Map<String, Object> database(String name) {
    return TestDatabases.postgres(name);
  }
}
