package io.seedship.localazure;

import static org.assertj.core.api.Assertions.assertThat;

import io.seedship.localazure.auth.TokenIssuer;
import io.seedship.localazure.test.ArmHttp;
import io.seedship.localazure.test.TestLocalAzure;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** ARM's own refusals, with the codes real ARM answers: unknown namespaces, api-versions, expired tokens. */
class ArmErrorCodesTest {

  private static final String SUB = "subscriptions/5eed5417-0000-4000-8000-000000000001";
  private final LocalAzure azure = TestLocalAzure.shared();
  private final ArmHttp arm = new ArmHttp(azure, TestLocalAzure.armToken(azure));

  @Test
  void anUnknownResourceNamespaceIsInvalidWhateverTheMethodAndScope() {
    assertError(arm.get(SUB + "/providers/Microsoft.Nope/things?api-version=2021-01-01"), 400,
        "InvalidResourceNamespace", "'Microsoft.Nope'");
    assertError(arm.put(SUB + "/resourceGroups/rg/providers/Microsoft.Nope/things/a?api-version=2021-01-01", "{}"),
        400, "InvalidResourceNamespace", "'Microsoft.Nope'");
    assertError(arm.get("providers/Contoso.Widgets/operations?api-version=2021-01-01"), 400,
        "InvalidResourceNamespace", "'Contoso.Widgets'");
    assertError(arm.get(SUB + "/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/a/providers/"
        + "Microsoft.Nope/x?api-version=2021-01-01"), 400, "InvalidResourceNamespace", "'Microsoft.Nope'");

    assertThat(arm.get(SUB + "/providers/microsoft.importexport/jobs?api-version=2021-01-01").status())
        .as("known namespaces match whatever their case").isEqualTo(200);
    assertThat(arm.get(SUB + "/providers/Microsoft.Storage/noSuchType?api-version=2021-01-01").body()
        .at("/error/code").asText()).as("a known namespace with an unknown type is not a namespace error")
        .isEqualTo("InvalidResourceType");
    assertThat(new ArmHttp(azure, null).get(SUB + "/providers/Microsoft.Nope/things?api-version=2021-01-01").status())
        .as("authentication comes first, as in ARM").isEqualTo(401);
  }

  @Test
  void aWellFormedApiVersionTheProviderLacksIsNoRegisteredProviderFound() {
    String jobs = SUB + "/providers/Microsoft.ImportExport/jobs";
    assertError(arm.get(jobs + "?api-version=2016-11-01"), 400, "NoRegisteredProviderFound",
        "No registered resource provider found for API version '2016-11-01' and type 'Microsoft.ImportExport/jobs'."
            + " The supported api-versions are '2021-01-01'.");
    assertError(arm.get(jobs + "?api-version=2030-01-01-preview"), 400, "NoRegisteredProviderFound",
        "'2030-01-01-preview'");
    assertError(arm.get(jobs + "?api-version=yesterday"), 400, "InvalidApiVersionParameter", "'yesterday'");
    assertThat(arm.get(jobs + "?api-version=2021-01-01").status()).isEqualTo(200);
  }

  @Test
  void anExpiredTokenIsExpiredAuthenticationToken() {
    String clientId = azure.properties().getApp().getClientId();
    TokenIssuer issuer = azure.bean(TokenIssuer.class);
    String expired = issuer.issueForApp(clientId, clientId, azure.armEndpoint(), Duration.ofMinutes(-1));
    ArmHttp.Reply reply = new ArmHttp(azure, expired).get(SUB + "/resourcegroups?api-version=2021-04-01");
    assertError(reply, 401, "ExpiredAuthenticationToken", "is earlier than current UTC time");
    assertThat(reply.header("WWW-Authenticate")).contains("authorization_uri=").contains("invalid_token");

    String expiredForGraph = issuer.issueForApp(clientId, clientId, azure.graphEndpoint(), Duration.ofMinutes(-1));
    ArmHttp.Reply graph = new ArmHttp(azure, expiredForGraph).get("graph/v1.0/applications");
    assertThat(graph.status()).isEqualTo(401);
    assertThat(graph.body().at("/error/code").asText()).as("Graph keeps one code").isEqualTo("InvalidAuthenticationToken");
    assertThat(graph.body().at("/error/message").asText()).contains("expired");

    assertThat(new ArmHttp(azure, TestLocalAzure.armToken(azure) + "x").get(SUB + "/resourcegroups?api-version=2021-04-01")
        .body().at("/error/code").asText()).as("other flaws keep their code").isEqualTo("InvalidAuthenticationToken");
  }

  private static void assertError(ArmHttp.Reply reply, int status, String code, String mentions) {
    assertThat(reply.status()).as("status of %s", reply.body()).isEqualTo(status);
    assertThat(reply.body().at("/error/code").asText()).as("code of %s", reply.body()).isEqualTo(code);
    assertThat(reply.body().at("/error/message").asText()).contains(mentions);
  }
}
