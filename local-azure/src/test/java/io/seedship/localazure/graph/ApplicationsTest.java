package io.seedship.localazure.graph;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.seedship.localazure.LocalAzure;
import io.seedship.localazure.test.ArmHttp;
import io.seedship.localazure.test.TestLocalAzure;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ApplicationsTest {

  private static final String APPS = "graph/v1.0/applications";
  private final LocalAzure azure = TestLocalAzure.shared();
  private final ArmHttp graph = new ArmHttp(azure, TestLocalAzure.graphUserToken(azure));

  private JsonNode create(String displayName, String... keyCredentials) {
    ArmHttp.Reply created = graph.post(APPS, "{\"displayName\":\"" + displayName + "\",\"keyCredentials\":["
        + String.join(",", keyCredentials) + "]}");
    assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
    return created.body();
  }

  @Test
  void createsAndReadsAnApplicationAsGraphReturnsIt() {
    TestCertificate certificate = TestCertificate.create("create");
    JsonNode app = create("seedship-create", certificate.keyCredentialJson("first"));
    assertThat(app.at("/@odata.context").asText()).endsWith("/graph/v1.0/$metadata#applications/$entity");
    assertThat(UUID.fromString(app.at("/id").asText())).isNotNull();
    assertThat(app.at("/appId").asText()).isNotEqualTo(app.at("/id").asText());
    assertThat(app.at("/signInAudience").asText()).isEqualTo("AzureADMyOrg");
    assertThat(app.at("/createdDateTime").asText()).isNotBlank();
    assertThat(app.at("/passwordCredentials").isArray()).isTrue();
    JsonNode key = app.at("/keyCredentials/0");
    assertThat(key.at("/type").asText()).isEqualTo("AsymmetricX509Cert");
    assertThat(key.at("/usage").asText()).isEqualTo("Verify");
    assertThat(key.at("/displayName").asText()).isEqualTo("first");
    assertThat(key.at("/key").isNull()).isTrue();
    assertThat(UUID.fromString(key.at("/keyId").asText())).isNotNull();
    assertThat(KeyCredential.decodeBase64(key.at("/customKeyIdentifier").asText()))
        .isEqualTo(certificate.thumbprint("SHA-1"));
    assertThat(key.at("/endDateTime").asText())
        .isEqualTo(certificate.certificate().getNotAfter().toInstant().toString());

    ArmHttp.Reply read = graph.get(APPS + "/" + app.at("/id").asText());
    assertThat(read.status()).isEqualTo(200);
    assertThat(read.body().at("/keyCredentials/0/keyId")).isEqualTo(key.at("/keyId"));
    assertThat(read.body().at("/keyCredentials/0/key").isNull()).isTrue();

    ArmHttp.Reply byAppId = graph.get("graph/v1.0/applications(appId='" + app.at("/appId").asText() + "')");
    assertThat(byAppId.status()).isEqualTo(200);
    assertThat(byAppId.body().at("/id")).isEqualTo(app.at("/id"));
  }

  @Test
  void filtersByDisplayNameAppIdAndPrefixAndRefusesOtherFilters() {
    String tag = UUID.randomUUID().toString().substring(0, 8);
    JsonNode one = create("filter-" + tag + "-one");
    create("filter-" + tag + "-two");
    create("other-" + tag);

    ArmHttp.Reply byName = graph.get(APPS + "?$filter=" + enc("displayName eq 'FILTER-" + tag + "-one'"));
    assertThat(byName.status()).isEqualTo(200);
    assertThat(byName.body().at("/value").size()).isEqualTo(1);
    assertThat(byName.body().at("/value/0/id")).isEqualTo(one.at("/id"));
    assertThat(byName.body().at("/@odata.context").asText()).endsWith("$metadata#applications");

    ArmHttp.Reply byAppId = graph.get(APPS + "?$filter=" + enc("appId eq '" + one.at("/appId").asText() + "'"));
    assertThat(byAppId.body().at("/value/0/id")).isEqualTo(one.at("/id"));

    ArmHttp.Reply byPrefix = graph.get(APPS + "?$filter=" + enc("startswith(displayName,'filter-" + tag + "')"));
    assertThat(byPrefix.body().at("/value").size()).isEqualTo(2);

    ArmHttp.Reply none = graph.get(APPS + "?$filter=" + enc("displayName eq 'nobody-" + tag + "'"));
    assertThat(none.body().at("/value").size()).isZero();

    ArmHttp.Reply unsupported = graph.get(APPS + "?$filter=" + enc("notes eq 'x'"));
    assertThat(unsupported.status()).isEqualTo(400);
    assertThat(unsupported.body().at("/error/code").asText()).isEqualTo("Request_UnsupportedQuery");
    assertThat(unsupported.body().at("/error/message").asText()).contains("'notes'");
  }

  @Test
  void pagesWithTopAndNextLink() {
    String tag = "page-" + UUID.randomUUID().toString().substring(0, 8);
    List<String> created = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      created.add(create(tag + "-" + i).at("/id").asText());
    }
    List<String> seen = new ArrayList<>();
    String next = APPS + "?$top=2&$filter=" + enc("startswith(displayName,'" + tag + "')");
    int pages = 0;
    while (next != null) {
      ArmHttp.Reply page = graph.get(next);
      assertThat(page.status()).isEqualTo(200);
      assertThat(page.body().at("/value").size()).isLessThanOrEqualTo(2);
      page.body().at("/value").forEach(app -> seen.add(app.at("/id").asText()));
      JsonNode link = page.body().get("@odata.nextLink");
      next = link == null ? null : link.asText().substring(azure.armEndpoint().length());
      pages++;
    }
    assertThat(pages).isEqualTo(3);
    assertThat(seen).containsExactlyInAnyOrderElementsOf(created);
    assertThat(graph.get(APPS + "?$top=1000").body().at("/error/code").asText()).isEqualTo("Request_BadRequest");
  }

  @Test
  void patchReplacesTheWholeKeyCredentialCollection() {
    TestCertificate foreign = TestCertificate.create("foreign");
    TestCertificate mine = TestCertificate.create("mine");
    JsonNode app = create("seedship-patch", foreign.keyCredentialJson("foreign"));
    String path = APPS + "/" + app.at("/id").asText();
    JsonNode foreignKey = app.at("/keyCredentials/0");

    // sent again (as a client echoes a GET: keyId, key null), the foreign credential is kept
    ArmHttp.Reply kept = graph.patch(path, "{\"keyCredentials\":[" + foreignKey + "," + mine.keyCredentialJson("mine")
        + "]}");
    assertThat(kept.status()).isEqualTo(204);
    JsonNode both = graph.get(path).body().at("/keyCredentials");
    assertThat(both.size()).isEqualTo(2);
    assertThat(both.findValuesAsText("keyId")).contains(foreignKey.at("/keyId").asText());
    String myKeyId = both.findValuesAsText("keyId").stream()
        .filter(id -> !id.equals(foreignKey.at("/keyId").asText())).findFirst().orElseThrow();

    // not sent again, it disappears; displayName changes in the same PATCH
    JsonNode myKey = graph.get(path).body().at("/keyCredentials").get(1);
    ArmHttp.Reply replaced = graph.patch(path, "{\"displayName\":\"seedship-renamed\",\"keyCredentials\":[" + myKey
        + "]}");
    assertThat(replaced.status()).isEqualTo(204);
    JsonNode after = graph.get(path).body();
    assertThat(after.at("/displayName").asText()).isEqualTo("seedship-renamed");
    assertThat(after.at("/keyCredentials").size()).isEqualTo(1);
    assertThat(after.at("/keyCredentials/0/keyId").asText()).isEqualTo(myKeyId);

    // object ids are GUIDs: an upper-case id names the same application, not a new one
    String upper = APPS + "/" + app.at("/id").asText().toUpperCase();
    assertThat(graph.patch(upper, "{\"displayName\":\"seedship-upper\"}").status()).isEqualTo(204);
    ArmHttp.Reply listed = graph.get(APPS + "?$filter=" + enc("appId eq '" + app.at("/appId").asText() + "'"));
    assertThat(listed.body().at("/value").size()).isEqualTo(1);
    assertThat(listed.body().at("/value/0/displayName").asText()).isEqualTo("seedship-upper");
  }

  @Test
  void refusesAnInvalidKeyAndChangesNothing() {
    TestCertificate certificate = TestCertificate.create("kept");
    JsonNode app = create("seedship-invalid", certificate.keyCredentialJson("kept"));
    String path = APPS + "/" + app.at("/id").asText();
    String notACertificate = "{\"type\":\"AsymmetricX509Cert\",\"usage\":\"Verify\",\"key\":\"bm90IGEgY2VydA\"}";

    ArmHttp.Reply refused = graph.patch(path, "{\"displayName\":\"changed\",\"keyCredentials\":[" + notACertificate
        + "]}");
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.body().at("/error/code").asText()).isEqualTo("Request_BadRequest");
    assertThat(refused.body().at("/error/message").asText()).contains("keyCredentials");
    assertThat(refused.body().at("/error/innerError/request-id").asText()).isNotBlank();
    assertThat(refused.body().at("/error/innerError/date").asText()).isNotBlank();
    JsonNode unchanged = graph.get(path).body();
    assertThat(unchanged.at("/displayName").asText()).isEqualTo("seedship-invalid");
    assertThat(unchanged.at("/keyCredentials/0/keyId")).isEqualTo(app.at("/keyCredentials/0/keyId"));

    String wrongUsage = "{\"type\":\"AsymmetricX509Cert\",\"usage\":\"Sign\",\"key\":\"" + certificate.keyBase64()
        + "\"}";
    assertThat(graph.post(APPS, "{\"displayName\":\"x\",\"keyCredentials\":[" + wrongUsage + "]}").status())
        .isEqualTo(400);
    // standard base64 is accepted too
    String standard = "{\"type\":\"AsymmetricX509Cert\",\"usage\":\"Verify\",\"key\":\"" + certificate.keyBase64()
        + "\"}";
    assertThat(graph.post(APPS, "{\"displayName\":\"std\",\"keyCredentials\":[" + standard + "]}").status())
        .isEqualTo(201);
  }

  @Test
  void answersMissingApplicationsInGraphShape() {
    String missing = UUID.randomUUID().toString();
    ArmHttp.Reply reply = graph.get(APPS + "/" + missing);
    assertThat(reply.status()).isEqualTo(404);
    assertThat(reply.body().at("/error/code").asText()).isEqualTo("Request_ResourceNotFound");
    assertThat(reply.body().at("/error/message").asText()).contains(missing);
    assertThat(reply.body().at("/error/innerError/client-request-id").asText()).isNotBlank();
    assertThat(graph.patch(APPS + "/" + missing, "{\"displayName\":\"x\"}").status()).isEqualTo(404);
    assertThat(graph.delete(APPS + "/" + missing).status()).isEqualTo(404);
    assertThat(graph.get("graph/v1.0/applications(appId='" + missing + "')").status()).isEqualTo(404);
  }

  @Test
  void aProtectedApplicationRefusesChangesAsGraphDoesForANonOwner() {
    TestCertificate foreign = TestCertificate.create("foreign");
    JsonNode app = create("seedship-protected", foreign.keyCredentialJson("foreign"));
    String id = app.at("/id").asText();
    assertThat(new ArmHttp(azure, TestLocalAzure.adminToken(azure))
        .put("local-azure/graph/applications/" + id + "/protected", "").status())
        .isEqualTo(200);

    ArmHttp.Reply refused = graph.patch(APPS + "/" + id, "{\"keyCredentials\":[]}");
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.body().at("/error/code").asText()).isEqualTo("Authorization_RequestDenied");
    assertThat(graph.delete(APPS + "/" + id).status()).isEqualTo(403);
    assertThat(graph.get(APPS + "/" + id + "?$select=keyCredentials").body().at("/keyCredentials")).hasSize(1);
  }

  @Test
  void deletesAnApplication() {
    JsonNode app = create("seedship-delete");
    String path = APPS + "/" + app.at("/id").asText();
    assertThat(graph.delete(path).status()).isEqualTo(204);
    assertThat(graph.get(path).status()).isEqualTo(404);
  }

  @Test
  void acceptsAppTokensAndRefusesNoToken() {
    ArmHttp app = new ArmHttp(azure, appGraphToken(azure));
    assertThat(app.post(APPS, "{\"displayName\":\"by-app\"}").status()).isEqualTo(201);
    assertThat(new ArmHttp(azure, null).get(APPS).status()).isEqualTo(401);
  }

  static String appGraphToken(LocalAzure azure) {
    String clientId = azure.properties().getApp().getClientId();
    return azure.bean(io.seedship.localazure.auth.TokenIssuer.class).issueForApp(clientId, clientId,
        azure.graphEndpoint());
  }

  static String enc(String value) {
    return GraphUrls.encode(value);
  }
}
