package io.seedship.localazure.graph;

import static org.assertj.core.api.Assertions.assertThat;

import io.seedship.localazure.LocalAzure;
import io.seedship.localazure.test.ArmHttp;
import io.seedship.localazure.test.TestLocalAzure;
import org.junit.jupiter.api.Test;

class MeTest {

  private final LocalAzure azure = TestLocalAzure.shared();

  @Test
  void returnsTheSignedInUserToADelegatedToken() {
    ArmHttp.Reply me = new ArmHttp(azure, TestLocalAzure.graphUserToken(azure)).get("graph/v1.0/me");
    assertThat(me.status()).isEqualTo(200);
    assertThat(me.body().at("/id").asText()).isEqualTo(azure.properties().getUser().getObjectId());
    assertThat(me.body().at("/userPrincipalName").asText())
        .isEqualTo(azure.properties().getUser().getUserPrincipalName());
    assertThat(me.body().at("/displayName").asText()).isEqualTo(azure.properties().getUser().getDisplayName());
    assertThat(me.body().at("/@odata.context").asText()).endsWith("$metadata#users/$entity");
  }

  @Test
  void refusesAnAppTokenAsGraphDoes() {
    ArmHttp.Reply me = new ArmHttp(azure, ApplicationsTest.appGraphToken(azure)).get("graph/v1.0/me");
    assertThat(me.status()).isEqualTo(400);
    assertThat(me.body().at("/error/code").asText()).isEqualTo("BadRequest");
    assertThat(me.body().at("/error/message").asText())
        .isEqualTo("/me request is only valid with delegated authentication flow.");
  }
}
