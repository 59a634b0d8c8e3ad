package io.seedship.vault;

import io.seedship.runtime.test.TestDatabases;
import java.util.Map;

/** PostgreSQL, where a deployment keeps vault-service's tables. */
class VaultServiceOnPostgresTest extends VaultServiceContract {

  @Override
  Map<String, Object> database() {
    return TestDatabases.postgres("vault-service");
  }
}
