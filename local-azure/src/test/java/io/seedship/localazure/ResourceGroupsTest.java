package io.seedship.localazure;

import static org.assertj.core.api.Assertions.assertThat;

import io.seedship.localazure.test.ArmHttp;
import io.seedship.localazure.test.TestLocalAzure;
import org.junit.jupiter.api.Test;

class ResourceGroupsTest {

  private static final String SUB = "subscriptions/5eed5417-0000-4000-8000-000000000001";
  private final LocalAzure azure = TestLocalAzure.shared();
  private final ArmHttp arm = new ArmHttp(azure, TestLocalAzure.armToken(azure));

  @Test
  void createsReadsAndDeletesWhateverThePathCase() {
    ArmHttp.Reply created = arm.put(SUB + "/resourceGroups/rg-Case?api-version=2021-04-01", "{\"location\":\"West US\"}");
    assertThat(created.status()).isEqualTo(201);
    assertThat(created.body().at("/location").asText()).isEqualTo("westus");
    assertThat(created.header("x-ms-request-id")).isNotBlank();
    assertThat(arm.put(SUB + "/resourcegroups/RG-CASE?api-version=2021-04-01", "{\"location\":\"westus\"}").status())
        .isEqualTo(200);
    ArmHttp.Reply read = arm.get(SUB + "/RESOURCEGROUPS/rg-case?api-version=2021-04-01");
    assertThat(read.body().at("/name").asText()).isEqualTo("rg-Case");
    assertThat(arm.delete(SUB + "/resourcegroups/rg-case?api-version=2021-04-01").status()).isEqualTo(200);
    ArmHttp.Reply gone = arm.get(SUB + "/resourcegroups/rg-case?api-version=2021-04-01");
    assertThat(gone.status()).isEqualTo(404);
    assertThat(gone.body().at("/error/code").asText()).isEqualTo("ResourceGroupNotFound");
  }

  @Test
  void refusesWhatArmRefuses() {
    assertThat(arm.put(SUB + "/resourcegroups/rg?api-version=2021-04-01", "{}").body().at("/error/code").asText())
        .isEqualTo("LocationRequired");
    assertThat(arm.put(SUB + "/resourcegroups/rg", "{\"location\":\"westus\"}").body().at("/error/code").asText())
        .isEqualTo("MissingApiVersionParameter");
    assertThat(arm.put(SUB + "/resourcegroups/rg.?api-version=2021-04-01", "{\"location\":\"westus\"}")
        .body().at("/error/code").asText()).isEqualTo("InvalidResourceGroup");
    assertThat(arm.put(SUB + "/resourcegroups/rg?api-version=2021-04-01", "{not json").body().at("/error/code").asText())
        .isEqualTo("InvalidRequestContent");
    assertThat(arm.get("subscriptions/00000000-0000-0000-0000-00000000dead/resourcegroups?api-version=2021-04-01")
        .body().at("/error/code").asText()).isEqualTo("SubscriptionNotFound");
    assertThat(arm.get(SUB + "/resourcegroups/none?api-version=2021-04-01").status()).isEqualTo(404);
  }

  @Test
  void refusesMissingOrForeignTokens() {
    ArmHttp anonymous = new ArmHttp(azure, null);
    ArmHttp.Reply reply = anonymous.get(SUB + "/resourcegroups?api-version=2021-04-01");
    assertThat(reply.status()).isEqualTo(401);
    assertThat(reply.header("WWW-Authenticate")).contains("authorization_uri=");
    assertThat(reply.body().at("/error/code").asText()).isEqualTo("AuthenticationFailed");

    assertThat(anonymous.get("subscriptions;x=y/5eed5417-0000-4000-8000-000000000001/resourcegroups"
        + "?api-version=2021-04-01").status()).as("a path parameter does not hide an ARM path").isEqualTo(401);

    ArmHttp forged = new ArmHttp(azure, TestLocalAzure.armToken(azure) + "x");
    assertThat(forged.get(SUB + "/resourcegroups?api-version=2021-04-01").body().at("/error/code").asText())
        .isEqualTo("InvalidAuthenticationToken");

    ArmHttp graphTokenOnArm = new ArmHttp(azure, TestLocalAzure.graphUserToken(azure));
    assertThat(graphTokenOnArm.get(SUB + "/resourcegroups?api-version=2021-04-01").body().at("/error/code").asText())
        .isEqualTo("InvalidAuthenticationTokenAudience");
  }
}
