package io.seedship.vault;

import io.seedship.runtime.test.TestDatabases;
import java.util.Map;

class VaultServiceOnH2Test extends VaultServiceContract {

  @Override
  Map<String, Object> database() {
    return TestDatabases.h2("vault-service");
  }
}
