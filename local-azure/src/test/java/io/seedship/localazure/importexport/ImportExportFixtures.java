package io.seedship.localazure.importexport;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.seedship.localazure.LocalAzure;
import io.seedship.localazure.arm.Json;
import io.seedship.localazure.spec.SwaggerDefinitions;
import io.seedship.localazure.test.ArmHttp;
import io.seedship.localazure.test.TestLocalAzure;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.UUID;

/** What the Import/Export tests share: the examples (copied from the spec), groups, bodies and the contract check. */
final class ImportExportFixtures {

  static final String API = "api-version=2021-01-01";
  static final String SHARED_SUBSCRIPTION = "5eed5417-0000-4000-8000-000000000001";

  final LocalAzure azure = TestLocalAzure.shared();
  final ArmHttp arm = new ArmHttp(azure, TestLocalAzure.armToken(azure));

  static JsonNode example(String name) {
    String resource = "importexport/examples/" + name + ".json";
    try (InputStream in = ImportExportFixtures.class.getClassLoader().getResourceAsStream(resource)) {
      assertThat(in).as(resource).isNotNull();
      return Json.MAPPER.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A fresh, empty resource group: deleting it first drops jobs a previous test left in it. */
  void freshGroup(String subscription, String group) {
    arm.put("local-azure/subscriptions/" + subscription, null);
    arm.delete("subscriptions/" + subscription + "/resourcegroups/" + group + "?api-version=2021-04-01");
    ArmHttp.Reply created = arm.put("subscriptions/" + subscription + "/resourcegroups/" + group
        + "?api-version=2021-04-01", "{\"location\":\"westus\"}");
    assertThat(created.status()).as("creating group %s", group).isEqualTo(201);
  }

  /** A group of its own for one test in the shared subscription. */
  String uniqueGroup(String purpose) {
    String group = "ie-" + purpose + "-" + UUID.randomUUID().toString().substring(0, 8);
    freshGroup(SHARED_SUBSCRIPTION, group);
    return group;
  }

  static String jobPath(String subscription, String group, String job) {
    return "subscriptions/" + subscription + "/resourceGroups/" + group + "/providers/Microsoft.ImportExport/jobs/"
        + job;
  }

  static String jobsPath(String subscription, String group) {
    return "subscriptions/" + subscription + "/resourceGroups/" + group + "/providers/Microsoft.ImportExport/jobs";
  }

  /** The CreateJob example's body, moved to {@code subscription} (its storage account must be there too). */
  static ObjectNode importBody(String subscription) {
    ObjectNode body = example("CreateJob").path("parameters").path("body").deepCopy();
    ObjectNode properties = (ObjectNode) body.get("properties");
    properties.put("storageAccountId", properties.get("storageAccountId").asText()
        .replace("xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx", subscription));
    return body;
  }

  static ObjectNode properties(ObjectNode body) {
    return (ObjectNode) body.get("properties");
  }

  static ObjectNode deliveryPackage() {
    ObjectNode delivery = Json.object();
    delivery.put("carrierName", "FedEx");
    delivery.put("trackingNumber", "123456789012");
    delivery.put("driveCount", 1);
    delivery.put("shipDate", "2026-01-05");
    return delivery;
  }

  /** The answer holds to the published definition. */
  static void assertConforms(String definition, JsonNode body) {
    assertThat(SwaggerDefinitions.importExport().validate(definition, body))
        .as("%s against %s", body, definition).isEmpty();
  }

  static void assertArmError(ArmHttp.Reply reply, int status, String code, String mentions) {
    assertThat(reply.status()).as("status of %s", reply.body()).isEqualTo(status);
    assertThat(reply.body().at("/error/code").asText()).as("code of %s", reply.body()).isEqualTo(code);
    String said = reply.body().at("/error/message").asText() + " " + reply.body().at("/error/target").asText();
    assertThat(said).as("message and target of %s", reply.body()).contains(mentions);
    assertConforms("ErrorResponse", reply.body());
  }

  static String json(JsonNode node) {
    return Json.write(node);
  }
}
