package io.seedship.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.SignedJWT;
import io.seedship.localazure.LocalAzure;
import io.seedship.localazure.auth.TokenIssuer;
import io.seedship.runtime.security.EndpointRoles;
import io.seedship.runtime.security.SeedshipRole;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Who may call what, over every endpoint of every service on the running system: the table below is the access
 * policy. For each guarded endpoint, no token, an expired token, a token for another audience, a forged signature and
 * valid tokens lacking the role are refused; only the right role gets through. The table must name every endpoint the
 * services serve (their request mappings and the actuator's links), so a new endpoint fails here until it is entered.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EndpointAccessTest {

  /** One endpoint and the role it needs; {@code null}: open to anyone (probes). */
  record Entry(String service, String method, String path, SeedshipRole role) {
    String key() {
      return service + " " + method + " " + path;
    }
  }

  static final List<Entry> API = List.of(
      new Entry("staging-service", "POST", "/api/seeds", SeedshipRole.OPERATOR),
      new Entry("staging-service", "GET", "/api/seeds/{seedId}", SeedshipRole.READER),
      new Entry("staging-service", "POST", "/api/seeds/{seedId}/cancel", SeedshipRole.OPERATOR),
      new Entry("cert-service", "GET", "/api/certificates", SeedshipRole.READER),
      new Entry("cert-service", "POST", "/api/certificates/{thumbprint}/export", SeedshipRole.KEY_CUSTODIAN),
      new Entry("cert-service", "POST", "/api/certificates/{thumbprint}/renew", SeedshipRole.OPERATOR),
      new Entry("diskprep-service", "GET", "/api/drives", SeedshipRole.READER),
      new Entry("diskprep-service", "POST", "/api/seeds/{seedId}/drives/confirm", SeedshipRole.OPERATOR),
      new Entry("diskprep-service", "POST", "/api/drives/{serial}/recovery-password", SeedshipRole.KEY_CUSTODIAN),
      new Entry("shipping-service", "GET", "/api/seeds/{seedId}/shipment", SeedshipRole.READER),
      new Entry("shipping-service", "POST", "/api/seeds/{seedId}/shipment", SeedshipRole.OPERATOR));

  /** Every service's actuator, as each exposes it. */
  static final Map<String, SeedshipRole> ACTUATOR = new java.util.LinkedHashMap<>();

  static {
    ACTUATOR.put("/actuator/health", null);
    ACTUATOR.put("/actuator/health/{*path}", null);
    ACTUATOR.put("/actuator", SeedshipRole.SRE);
    ACTUATOR.put("/actuator/info", SeedshipRole.SRE);
    ACTUATOR.put("/actuator/prometheus", SeedshipRole.SRE);
    ACTUATOR.put("/actuator/metrics", SeedshipRole.SRE);
    ACTUATOR.put("/actuator/metrics/{requiredMetricName}", SeedshipRole.SRE);
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  @TempDir
  static Path home;
  LocalSeedship local;
  LocalAzure azure;
  TokenIssuer issuer;
  String audience;

  @BeforeAll
  void start() {
    local = LocalSeedship.start(home, Map.of());
    azure = local.azure();
    issuer = azure.bean(TokenIssuer.class);
    audience = azure.properties().getSeedshipApi().getAppIdUri();
  }

  @AfterAll
  void stop() {
    if (local != null) {
      local.close();
    }
  }

  List<Entry> table() {
    List<Entry> all = new ArrayList<>(API);
    for (String service : LocalSeedship.SERVICES.keySet()) {
      ACTUATOR.forEach((path, role) -> all.add(new Entry(service, "GET", path, role)));
      // the runtime's: what a replay would do here (seedship replay)
      all.add(new Entry(service, "GET", "/api/replay", SeedshipRole.SRE));
      all.add(new Entry(service, "POST", "/api/replay/check", SeedshipRole.SRE));
    }
    return all;
  }

  @Test
  void theTableNamesEveryEndpointEveryServiceServes() throws Exception {
    Set<String> served = new TreeSet<>();
    for (var service : local.services().entrySet()) {
      List<RequestMappingHandlerMapping> mappings =
          service.getValue().getBeanProvider(RequestMappingHandlerMapping.class).orderedStream().toList();
      EndpointRoles.of(mappings).forEach((info, role) -> info.getPatternValues().forEach(path ->
          info.getMethodsCondition().getMethods().forEach(method ->
              served.add(service.getKey() + " " + method.name() + " " + path))));
      JsonNode links = JSON.readTree(send(service.getKey(), "GET", "/actuator", token(SeedshipRole.SRE)).body())
          .path("_links");
      links.properties().forEach(link -> served.add(service.getKey() + " GET "
          + link.getValue().path("href").asText().replaceFirst("^https?://[^/]+", "")));
      served.add(service.getKey() + " GET /actuator");
    }
    Set<String> listed = new TreeSet<>(table().stream().map(Entry::key).toList());
    assertThat(served).as("endpoints served but missing from the access table (add them with their role)")
        .isSubsetOf(listed);
    assertThat(listed).as("entries of the access table that no service serves").isSubsetOf(served);
  }

  @TestFactory
  Stream<DynamicTest> onlyTheRightRoleGetsThrough() {
    return table().stream().map(entry -> DynamicTest.dynamicTest(entry.key() + " needs "
        + (entry.role() == null ? "nothing" : entry.role().appRole()), () -> check(entry)));
  }

  void check(Entry entry) throws Exception {
    String service = entry.service();
    String path = sample(entry.path());
    if (entry.role() == null) {
      assertThat(send(service, entry.method(), path, null).statusCode()).as("open without a token").isEqualTo(200);
      return;
    }
    SeedshipRole role = entry.role();
    expectRefused(entry, path, null, 401, "no token");
    expectRefused(entry, path, issuer.issueForApp(CALLER, CALLER, audience, Duration.ofMinutes(-5),
        List.of(role.appRole())), 401, "an expired token");
    expectRefused(entry, path, issuer.issueForApp(CALLER, CALLER, azure.armEndpoint(), Duration.ofHours(1),
        List.of(role.appRole())), 401, "a token for another audience (ARM)");
    expectRefused(entry, path, forged(token(role)), 401, "a forged signature");
    expectRefused(entry, path, issuer.issueForApp(CALLER, CALLER, audience, Duration.ofHours(1), List.of()), 403,
        "a valid token without a role");
    for (SeedshipRole other : lacking(role)) {
      expectRefused(entry, path, token(other), 403, "a valid token with only " + other.appRole());
    }
    HttpResponse<String> allowed = send(service, entry.method(), path, token(role));
    assertThat(allowed.statusCode()).as("%s with %s: %s", entry.key(), role.appRole(), allowed.body())
        .isNotIn(401, 403).isLessThan(500);
  }

  void expectRefused(Entry entry, String path, String token, int status, String what) throws Exception {
    HttpResponse<String> response = send(entry.service(), entry.method(), path, token);
    assertThat(response.statusCode()).as("%s with %s: %s", entry.key(), what, response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("WWW-Authenticate")).as("RFC 6750's challenge").isPresent();
    if (token != null) {
      assertThat(response.body()).as("a refusal never echoes the token").doesNotContain(token);
    }
  }

  /** The roles that do not grant {@code role}: every role reads, nothing else implies another. */
  static Set<SeedshipRole> lacking(SeedshipRole role) {
    if (role == SeedshipRole.READER) {
      return EnumSet.noneOf(SeedshipRole.class);
    }
    EnumSet<SeedshipRole> others = EnumSet.allOf(SeedshipRole.class);
    others.remove(role);
    return others;
  }

  static final String CALLER = "5eed5417-0000-4000-8000-0000000c00ee";

  String token(SeedshipRole role) {
    return issuer.issueForApp(CALLER, CALLER, audience, Duration.ofHours(1), List.of(role.appRole()));
  }

  /** The same claims signed by a key local-azure never had, under its key id. */
  static String forged(String token) throws Exception {
    SignedJWT genuine = SignedJWT.parse(token);
    SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256)
        .keyID(genuine.getHeader().getKeyID()).build(), genuine.getJWTClaimsSet());
    forged.sign(new RSASSASigner(new RSAKeyGenerator(2048).generate()));
    return forged.serialize();
  }

  static String sample(String path) {
    return path.replace("{seedId}", "5eed0000-0000-4000-8000-00000000acce")
        .replace("{thumbprint}", "00112233445566778899AABBCCDDEEFF00112233")
        .replace("{serial}", "NO-SUCH-DRIVE")
        .replace("{requiredMetricName}", "jvm.threads.live")
        .replace("{*path}", "readiness");
  }

  HttpResponse<String> send(String service, String method, String path, String token) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + local.port(service) + path))
        .timeout(Duration.ofSeconds(30));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    if (method.equals("GET")) {
      request.GET();
    } else {
      request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString("{}"));
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
