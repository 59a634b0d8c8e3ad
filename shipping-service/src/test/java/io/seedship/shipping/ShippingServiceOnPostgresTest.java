package io.seedship.shipping;

import io.seedship.runtime.test.TestDatabases;
import java.util.Map;

/** PostgreSQL, where a deployment keeps shipping-service's tables: the package rules are its constraints. */
class ShippingServiceOnPostgresTest extends ShippingServiceContract {

  @Override
  Map<String, Object> database() {
    return TestDatabases.postgres("shipping-service");
  }
}
