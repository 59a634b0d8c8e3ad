package io.seedship.shipping;

import io.seedship.runtime.test.TestDatabases;
import java.util.Map;

class ShippingServiceOnH2Test extends ShippingServiceContract {

  @Override
  Map<String, Object> database() {
    return TestDatabases.h2("shipping-service");
  }
}
