package io.seedship.localazure.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.seedship.localazure.LocalAzure;
import io.seedship.localazure.test.ArmHttp;
import io.seedship.localazure.test.TestLocalAzure;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The controls tests and operators use: the clock and faults, changed at runtime over HTTP. */
class AdminApiTest {

  private static final String GROUPS = "subscriptions/5eed5417-0000-4000-8000-000000000001/resourcegroups"
      + "?api-version=2021-04-01";
  private static LocalAzure azure;
  private static ArmHttp arm;
  private static ArmHttp admin;

  @BeforeAll
  static void start() {
    azure = TestLocalAzure.start("--local-azure.azurite.mode=none");
    arm = new ArmHttp(azure, TestLocalAzure.armToken(azure));
    admin = new ArmHttp(azure, null);
  }

  @AfterAll
  static void stop() {
    azure.close();
  }

  @Test
  void theClockRunsAtTheRateSetAndJumpsWhenAdvanced() throws Exception {
    assertThat(admin.post("local-azure/clock", "{\"rate\":86400}").status()).isEqualTo(200);
    Instant first = Instant.parse(admin.get("local-azure/clock").body().path("now").asText());
    Thread.sleep(200);
    Instant second = Instant.parse(admin.get("local-azure/clock").body().path("now").asText());
    assertThat(Duration.between(first, second)).isGreaterThan(Duration.ofHours(4));

    admin.post("local-azure/clock", "{\"rate\":0}");
    Instant stopped = Instant.parse(admin.get("local-azure/clock").body().path("now").asText());
    Instant jumped = Instant.parse(admin.post("local-azure/clock", "{\"advance\":\"P14D\"}").body().path("now").asText());
    assertThat(Duration.between(stopped, jumped)).isBetween(Duration.ofDays(14), Duration.ofDays(14).plusSeconds(1));
    assertThat(admin.post("local-azure/clock", "{\"advance\":\"two weeks\"}").body().at("/error/message").asText())
        .contains("advance");
    admin.post("local-azure/clock", "{\"rate\":1}");
  }

  @Test
  void faultsChangeAtRuntime() {
    admin.put("local-azure/faults", "{\"latency\":\"PT0.3S\"}");
    long started = System.nanoTime();
    assertThat(arm.get(GROUPS).status()).isEqualTo(200);
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(300));

    admin.put("local-azure/faults", "{\"throttleFraction\":1,\"retryAfter\":\"PT7S\"}");
    ArmHttp.Reply throttled = arm.get(GROUPS);
    assertThat(throttled.status()).isEqualTo(429);
    assertThat(throttled.header("Retry-After")).isEqualTo("7");
    assertThat(throttled.body().at("/error/code").asText()).isEqualTo("TooManyRequests");

    admin.put("local-azure/faults", "{\"readBudget\":2,\"budgetWindow\":\"PT1H\"}");
    assertThat(arm.get(GROUPS).header("x-ms-ratelimit-remaining-subscription-reads")).isEqualTo("1");
    assertThat(arm.get(GROUPS).status()).isEqualTo(200);
    ArmHttp.Reply spent = arm.get(GROUPS);
    assertThat(spent.status()).isEqualTo(429);
    assertThat(spent.body().at("/error/code").asText()).isEqualTo("SubscriptionRequestsThrottled");
    assertThat(Long.parseLong(spent.header("Retry-After"))).isBetween(3000L, 3601L);

    assertThat(admin.put("local-azure/faults", "{\"errorFraction\":2}").status()).isEqualTo(400);
    admin.put("local-azure/faults", "{}");
    assertThat(arm.get(GROUPS).status()).isEqualTo(200);
  }
}
