package io.seedship.localazure.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.seedship.localazure.LocalAzure;
import io.seedship.localazure.arm.Json;
import io.seedship.localazure.faults.FaultInjectionFilter;
import io.seedship.localazure.test.ArmHttp;
import io.seedship.localazure.test.TestLocalAzure;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The controls tests and operators use, over HTTP: each admin endpoint's status and body, and their effect. */
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
    admin = new ArmHttp(azure, TestLocalAzure.adminToken(azure));
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
  void healthAnswersUp() {
    ArmHttp.Reply health = admin.get("local-azure/health");
    assertThat(health.status()).isEqualTo(200);
    assertThat(health.body().path("status").asText()).isEqualTo("UP");
  }

  @Test
  void theClockAnswersItsTimeAndRate() {
    ArmHttp.Reply read = admin.get("local-azure/clock");
    assertThat(read.status()).isEqualTo(200);
    assertThat(Instant.parse(read.body().path("now").asText())).as("another test may have advanced it")
        .isAfter(Instant.now().minusSeconds(60));
    assertThat(read.body().path("rate").isNumber()).isTrue();

    ArmHttp.Reply stopped = admin.post("local-azure/clock", "{\"rate\":0}");
    assertThat(stopped.status()).isEqualTo(200);
    assertThat(stopped.body().path("rate").asDouble()).isZero();
    Instant now = Instant.parse(stopped.body().path("now").asText());
    ArmHttp.Reply advanced = admin.post("local-azure/clock", "{\"advance\":\"PT1H\"}");
    assertThat(advanced.status()).isEqualTo(200);
    assertThat(Instant.parse(advanced.body().path("now").asText())).isEqualTo(now.plus(Duration.ofHours(1)));
    assertThat(advanced.body().path("rate").asDouble()).isZero();

    assertAdminError(admin.post("local-azure/clock", "{\"advance\":\"-PT1S\"}"), 400, "InvalidDuration", "advance");
    assertAdminError(admin.post("local-azure/clock", "{\"rate\":\"fast\"}"), 400, "InvalidRate", "fast");
    assertThat(admin.get("local-azure/clock").body().path("now").asText()).as("refused changes left the clock")
        .isEqualTo(advanced.body().path("now").asText());
    assertThat(admin.post("local-azure/clock", "{\"rate\":1}").body().path("rate").asDouble()).isEqualTo(1.0);
  }

  @Test
  void faultSettingsReadAndChangeAsJson() {
    assertThat(admin.put("local-azure/faults", "{}").status()).isEqualTo(200);
    ArmHttp.Reply defaults = admin.get("local-azure/faults");
    assertThat(defaults.status()).isEqualTo(200);
    assertThat(defaults.body()).isEqualTo(json("{\"throttleFraction\":0.0,\"errorFraction\":0.0,"
        + "\"retryAfter\":\"PT1S\",\"latency\":\"PT0S\",\"readBudget\":0,\"writeBudget\":0,"
        + "\"budgetWindow\":\"PT1H\",\"seed\":42}"));

    String changed = "{\"throttleFraction\":0.25,\"errorFraction\":0.5,\"retryAfter\":\"PT7S\","
        + "\"latency\":\"PT0.2S\",\"readBudget\":100,\"writeBudget\":10,\"budgetWindow\":\"PT5M\",\"seed\":7}";
    ArmHttp.Reply put = admin.put("local-azure/faults", changed);
    assertThat(put.status()).isEqualTo(200);
    assertThat(put.body()).isEqualTo(json(changed));
    assertThat(admin.get("local-azure/faults").body()).isEqualTo(json(changed));
    assertThat(azure.bean(FaultInjectionFilter.class).settings().getLatency()).isEqualTo(Duration.ofMillis(200));

    ArmHttp.Reply again = admin.put("local-azure/faults", put.body().toString());
    assertThat(again.status()).as("what GET answers, PUT takes").isEqualTo(200);
    assertThat(again.body()).isEqualTo(json(changed));

    assertAdminError(admin.put("local-azure/faults", "{\"latency\":\"200ms\"}"), 400, "InvalidDuration", "latency");
    assertAdminError(admin.put("local-azure/faults", "{\"latency\":\"-PT1S\"}"), 400, "InvalidDuration", "latency");
    assertAdminError(admin.put("local-azure/faults", "{\"readBudget\":-1}"), 400, "InvalidFault", "readBudget");
    assertAdminError(admin.put("local-azure/faults", "{\"throtleFraction\":1}"), 400, "InvalidFault",
        "throtleFraction");
    assertThat(admin.get("local-azure/faults").body()).as("refused changes kept the settings").isEqualTo(json(changed));
    assertThat(admin.put("local-azure/faults", "{}").status()).isEqualTo(200);
  }

  @Test
  void registersASubscription() {
    String subscription = UUID.randomUUID().toString();
    ArmHttp.Reply registered = admin.put("local-azure/subscriptions/" + subscription, null);
    assertThat(registered.status()).isEqualTo(200);
    assertThat(registered.body()).isEqualTo(json("{\"subscriptionId\":\"" + subscription + "\"}"));
    assertThat(arm.get("subscriptions/" + subscription + "?api-version=2021-04-01").status()).isEqualTo(200);
    assertAdminError(admin.put("local-azure/subscriptions/bad_subscription", null), 400, "InvalidSubscriptionId",
        "bad_subscription");
  }

  @Test
  void protectsAGraphApplication() {
    ArmHttp graph = new ArmHttp(azure, TestLocalAzure.graphUserToken(azure));
    String id = graph.post("graph/v1.0/applications", "{\"displayName\":\"admin-protected\"}").body().path("id").asText();
    ArmHttp.Reply locked = admin.put("local-azure/graph/applications/" + id + "/protected", null);
    assertThat(locked.status()).isEqualTo(200);
    assertThat(locked.body()).isEqualTo(json("{\"id\":\"" + id + "\",\"protected\":true}"));
    assertThat(graph.patch("graph/v1.0/applications/" + id, "{\"displayName\":\"x\"}").status()).isEqualTo(403);
    String missing = UUID.randomUUID().toString();
    assertAdminError(admin.put("local-azure/graph/applications/" + missing + "/protected", null), 404,
        "Request_ResourceNotFound", missing);
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

  private static void assertAdminError(ArmHttp.Reply reply, int status, String code, String mentions) {
    assertThat(reply.status()).as("status of %s", reply.body()).isEqualTo(status);
    assertThat(reply.body().at("/error/code").asText()).isEqualTo(code);
    assertThat(reply.body().at("/error/message").asText()).contains(mentions);
  }

  private static JsonNode json(String text) {
    try {
      return Json.MAPPER.readTree(text);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
