package io.seedship.runtime;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.seedship.contracts.Topics;
import io.seedship.runtime.test.ServiceRunner;
import io.seedship.runtime.test.TestDatabases;
import io.seedship.runtime.testapp.publisher.PublisherTestApplication;
import io.seedship.runtime.testapp.stage.StageTestApplication;
import java.util.Map;
import org.apache.commons.lang3.exception.ExceptionUtils;
import org.junit.jupiter.api.Test;

/** Bad configuration stops a service at startup, with a message that names the property. */
class StartupValidationTest {

  @Test
  void anUnknownConsumedTopicIsRefused() {
    assertStartupFails(PublisherTestApplication.class, Map.of("seedship.consumes", "seedship.nope"),
        "seedship.consumes", "must be a Seedship topic name");
  }

  @Test
  void aBadServiceNameIsRefused() {
    assertStartupFails(PublisherTestApplication.class, Map.of("seedship.service-name", "Staging Service"),
        "seedship.service-name", "lowercase letters, digits and dashes");
  }

  @Test
  void anOutOfRangeRetryCountIsRefused() {
    assertStartupFails(PublisherTestApplication.class, Map.of("seedship.retry.max-attempts", "0"),
        "seedship.retry.maxAttempts", "must be greater than or equal to 1");
  }

  @Test
  void aHandlerWhoseTopicIsNotConsumedIsRefused() {
    assertStartupFails(StageTestApplication.class, Map.of("seedship.consumes", Topics.STAGING_EVENTS.name()),
        "seedship.consumes", "needs topic seedship.commands");
  }

  private static void assertStartupFails(Class<?> app, Map<String, Object> props, String... expected) {
    assertThatThrownBy(() -> ServiceRunner.start(app, "test-startup", TestDatabases.h2("startup"), props).close())
        .satisfies(e -> {
          String all = ExceptionUtils.getStackTrace(e);
          for (String s : expected) {
            org.assertj.core.api.Assertions.assertThat(all).contains(s);
          }
        });
  }
}
