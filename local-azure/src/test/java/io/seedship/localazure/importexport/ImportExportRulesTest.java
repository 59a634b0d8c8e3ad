package io.seedship.localazure.importexport;

import static io.seedship.localazure.importexport.ImportExportFixtures.API;
import static io.seedship.localazure.importexport.ImportExportFixtures.SHARED_SUBSCRIPTION;
import static io.seedship.localazure.importexport.ImportExportFixtures.assertArmError;
import static io.seedship.localazure.importexport.ImportExportFixtures.assertConforms;
import static io.seedship.localazure.importexport.ImportExportFixtures.deliveryPackage;
import static io.seedship.localazure.importexport.ImportExportFixtures.importBody;
import static io.seedship.localazure.importexport.ImportExportFixtures.jobPath;
import static io.seedship.localazure.importexport.ImportExportFixtures.jobsPath;
import static io.seedship.localazure.importexport.ImportExportFixtures.json;
import static io.seedship.localazure.importexport.ImportExportFixtures.properties;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.seedship.localazure.arm.Json;
import io.seedship.localazure.test.ArmHttp;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Each rule of the job API: the refusal names the field, and a refused request leaves nothing behind. */
class ImportExportRulesTest {

  private final ImportExportFixtures fx = new ImportExportFixtures();
  private final ArmHttp arm = fx.arm;

  private String job(String group, String name) {
    return jobPath(SHARED_SUBSCRIPTION, group, name) + "?" + API;
  }

  private ArmHttp.Reply create(String group, String name, Consumer<ObjectNode> change) {
    ObjectNode body = importBody(SHARED_SUBSCRIPTION);
    change.accept(body);
    return arm.put(job(group, name), json(body));
  }

  private void assertRefusedPut(String group, Consumer<ObjectNode> change, int status, String code, String mentions) {
    assertArmError(create(group, "refused", change), status, code, mentions);
    assertThat(arm.get(job(group, "refused")).status()).as("nothing stored").isEqualTo(404);
  }

  @Test
  void putRefusesBadBodiesAndStoresNothing() {
    String g = fx.uniqueGroup("put");
    assertRefusedPut(g, b -> b.remove("location"), 400, "LocationRequired", "location");
    assertRefusedPut(g, b -> b.put("location", "Mars"), 400, "LocationNotAvailableForResourceType", "Mars");
    assertRefusedPut(g, b -> b.remove("properties"), 400, "InvalidParameter", "properties");
    assertRefusedPut(g, b -> properties(b).remove("storageAccountId"), 400, "InvalidParameter",
        "properties.storageAccountId");
    assertRefusedPut(g, b -> properties(b).put("storageAccountId", "/subscriptions/" + SHARED_SUBSCRIPTION
        + "/resourceGroups/x/providers/Microsoft.Compute/virtualMachines/vm1"), 400, "InvalidParameter",
        "properties.storageAccountId");
    assertRefusedPut(g, b -> properties(b).put("storageAccountId", "/subscriptions/00000000-0000-0000-0000-"
        + "000000000000/resourceGroups/x/providers/Microsoft.Storage/storageAccounts/acct1"), 400, "InvalidParameter",
        "must be the same");
    assertRefusedPut(g, b -> properties(b).put("jobType", "Copy"), 400, "InvalidParameter", "properties.jobType");
    assertRefusedPut(g, b -> properties(b).remove("driveList"), 400, "InvalidParameter", "properties.driveList");
    assertRefusedPut(g, b -> properties(b).putArray("driveList"), 400, "InvalidParameter", "properties.driveList");
    assertRefusedPut(g, b -> properties(b).set("driveList", drives(11)), 400, "InvalidParameter", "1 to 10");
    assertRefusedPut(g, b -> ((ObjectNode) properties(b).get("driveList").get(0)).remove("bitLockerKey"), 400,
        "InvalidParameter", "properties.driveList[0].bitLockerKey");
    assertRefusedPut(g, b -> ((ObjectNode) properties(b).get("driveList").get(0)).remove("manifestHash"), 400,
        "InvalidParameter", "properties.driveList[0].manifestHash");
    assertRefusedPut(g, b -> {
      ArrayNode twice = drives(2);
      ((ObjectNode) twice.get(1)).put("driveId", twice.get(0).get("driveId").asText());
      properties(b).set("driveList", twice);
    }, 400, "InvalidParameter", "properties.driveList[1].driveId");
    assertRefusedPut(g, b -> properties(b).putObject("export").putArray("blobListBlobPath"), 400,
        "InvalidRequestContent", "$.properties.export.blobListBlobPath");
    assertRefusedPut(g, b -> properties(b).putObject("export").put("blobListBlobPath", "/c/list.xml"), 400,
        "InvalidParameter", "properties.export");
    assertRefusedPut(g, b -> properties(b).put("backupDriveManifest", "yes"), 400, "InvalidRequestContent",
        "$.properties.backupDriveManifest");
    assertRefusedPut(g, b -> ((ObjectNode) properties(b).get("returnAddress")).remove("email"), 400,
        "InvalidRequestContent", "email");
    assertRefusedPut(g, b -> properties(b).put("logLevel", "Loud"), 400, "InvalidParameter", "properties.logLevel");
  }

  @Test
  void putChecksNameGroupAndSubscription() {
    String g = fx.uniqueGroup("names");
    for (String bad : List.of("1job", "a", "my_job", "job.1", "j" + "x".repeat(64))) {
      assertArmError(create(g, bad, b -> { }), 400, "InvalidResourceName", bad);
    }
    assertThat(create(g, "Ab", b -> { }).status()).isEqualTo(201);
    assertThat(create(g, "a-" + "x".repeat(62), b -> { }).status()).isEqualTo(201);
    assertArmError(create("ie-no-such-group", "job1", b -> { }), 404, "ResourceGroupNotFound", "ie-no-such-group");
    assertArmError(arm.put(jobPath("00000000-0000-0000-0000-00000000dead", g, "job1") + "?" + API,
        json(importBody("00000000-0000-0000-0000-00000000dead"))), 404, "SubscriptionNotFound", "dead");
  }

  @Test
  void aResourceManagerStorageAccountMustExist() {
    String g = fx.uniqueGroup("account");
    String account = "/subscriptions/" + SHARED_SUBSCRIPTION + "/resourceGroups/" + g
        + "/providers/Microsoft.Storage/storageAccounts/seedtarget";
    assertArmError(create(g, "job1", b -> properties(b).put("storageAccountId", account)), 400, "InvalidParameter",
        "properties.storageAccountId");
    assertThat(arm.get(jobPath(SHARED_SUBSCRIPTION, g, "job1") + "?" + API).status()).isEqualTo(404);

    assertThat(arm.put("subscriptions/" + SHARED_SUBSCRIPTION + "/resourceGroups/" + g
        + "/providers/Microsoft.Storage/storageAccounts/seedtarget?api-version=2025-06-01",
        "{\"location\":\"westus\",\"sku\":{\"name\":\"Standard_LRS\"},\"kind\":\"StorageV2\"}").status())
        .isEqualTo(200);
    assertThat(create(g, "job1", b -> properties(b).put("storageAccountId", account)).status()).isEqualTo(201);
  }

  @Test
  void putIgnoresReadOnlyAndServerSetFields() {
    String g = fx.uniqueGroup("readonly");
    ArmHttp.Reply reply = create(g, "echo", b -> {
      properties(b).putObject("shippingInformation").put("additionalInformation", "from the client");
      properties(b).put("state", "Completed");
      properties(b).put("provisioningState", "Failed");
    });
    assertThat(reply.status()).isEqualTo(201);
    assertThat(reply.body().at("/properties/state").asText()).isEqualTo("Creating");
    assertThat(reply.body().at("/properties/provisioningState").asText()).isEqualTo("Succeeded");
    assertThat(reply.body().at("/properties/shippingInformation/city").asText()).isEqualTo("Santa Clara");
    assertThat(reply.body().at("/systemData/createdByType").asText()).isEqualTo("Application");
    assertThat(reply.body().at("/systemData/createdBy").asText()).isEqualTo(fx.azure.properties().getApp().getClientId());
  }

  @Test
  void exportJobsNeedBlobsAndNoDrives() {
    String g = fx.uniqueGroup("export");
    Consumer<ObjectNode> export = b -> {
      properties(b).put("jobType", "Export");
      properties(b).remove("driveList");
      properties(b).putObject("export").putObject("blobList").putArray("blobPathPrefix").add("/");
    };
    assertRefusedPut(g, export.andThen(b -> properties(b).remove("export")), 400, "InvalidParameter",
        "properties.export");
    assertRefusedPut(g, export.andThen(b -> properties(b).set("driveList", drives(1))), 400, "InvalidParameter",
        "properties.driveList");
    ArmHttp.Reply created = create(g, "exp", export);
    assertThat(created.status()).isEqualTo(201);
    assertConforms("JobResponse", created.body());
    assertThat(created.body().at("/properties/export/blobList/blobPathPrefix/0").asText()).isEqualTo("/");
  }

  @Test
  void putReplacesOnlyWhileCreating() {
    String g = fx.uniqueGroup("replace");
    assertThat(create(g, "jb", b -> { }).status()).isEqualTo(201);
    ArmHttp.Reply replaced = create(g, "JB", b -> properties(b).put("logLevel", "Error"));
    assertThat(replaced.status()).isEqualTo(200);
    assertThat(replaced.body().at("/properties/logLevel").asText()).isEqualTo("Error");
    assertThat(replaced.body().at("/name").asText()).isEqualTo("jb");
    assertArmError(create(g, "jb", b -> b.put("location", "Australia East")), 400, "InvalidResourceLocation",
        "location");
    ship(g, "jb");
    assertArmError(create(g, "jb", b -> properties(b).put("logLevel", "Verbose")), 409, "InvalidJobState", "Creating");
    JsonNode after = arm.get(job(g, "jb")).body();
    assertThat(after.at("/properties/state").asText()).isEqualTo("Shipping");
    assertThat(after.at("/properties/logLevel").asText()).isEqualTo("Error");
  }

  @Test
  void shippingNeedsReturnAddressAndDeliveryPackage() {
    String g = fx.uniqueGroup("ship");
    assertThat(create(g, "jb", b -> properties(b).remove("returnAddress")).status()).isEqualTo(201);
    assertArmError(arm.patch(job(g, "jb"), "{\"properties\":{\"state\":\"Shipping\"}}"), 400, "InvalidParameter",
        "properties.returnAddress and properties.deliveryPackage");
    ObjectNode withDelivery = Json.object();
    properties(withDelivery(withDelivery)).put("state", "Shipping");
    assertArmError(arm.patch(job(g, "jb"), json(withDelivery)), 400, "InvalidParameter", "properties.returnAddress");
    JsonNode unchanged = arm.get(job(g, "jb")).body();
    assertThat(unchanged.at("/properties/state").asText()).isEqualTo("Creating");
    assertThat(unchanged.at("/properties").has("deliveryPackage")).as("refused PATCH stored nothing").isFalse();

    ObjectNode address = Json.object();
    address.putObject("properties").set("returnAddress", importBody(SHARED_SUBSCRIPTION).at("/properties/returnAddress"));
    assertThat(arm.patch(job(g, "jb"), json(address)).status()).isEqualTo(200);
    ArmHttp.Reply shipped = arm.patch(job(g, "jb"), json(withDelivery));
    assertThat(shipped.status()).isEqualTo(200);
    assertConforms("JobResponse", shipped.body());
    assertThat(shipped.body().at("/properties/state").asText()).isEqualTo("Shipping");
    assertThat(shipped.body().at("/properties/deliveryPackage/trackingNumber").asText()).isEqualTo("123456789012");
  }

  @Test
  void patchRefusesOtherStates() {
    String g = fx.uniqueGroup("patch");
    assertThat(create(g, "jb", b -> { }).status()).isEqualTo(201);
    assertArmError(arm.patch(job(g, "jb"), "{\"properties\":{\"state\":\"Received\"}}"), 400, "InvalidParameter",
        "properties.state");
    assertArmError(arm.patch(job(g, "jb"), "{\"properties\":{\"state\":\"shipping\"}}"), 400, "InvalidParameter",
        "properties.state");
    assertArmError(arm.patch(job(g, "jb"), "{\"properties\":{\"cancelRequested\":\"yes\"}}"), 400,
        "InvalidRequestContent", "$.properties.cancelRequested");
    assertArmError(arm.patch(job(g, "jb"), "{\"properties\":{\"logLevel\":\"Verbose\",\"driveList\":"
        + json(drives(11)) + "}}"), 400, "InvalidParameter", "properties.driveList");
    JsonNode after = arm.get(job(g, "jb")).body();
    assertThat(after.at("/properties/state").asText()).isEqualTo("Creating");
    assertThat(after.at("/properties/cancelRequested").asBoolean()).isFalse();
    assertThat(after.at("/properties/driveList").size()).isEqualTo(1);

    ArmHttp.Reply empty = arm.patch(job(g, "jb"), "{\"properties\":{\"state\":\"\",\"logLevel\":\"Error\"}}");
    assertThat(empty.status()).isEqualTo(200);
    assertThat(empty.body().at("/properties/state").asText()).isEqualTo("Creating");
    assertThat(empty.body().at("/properties/logLevel").asText()).isEqualTo("Error");
    ArmHttp.Reply redriven = arm.patch(job(g, "jb"), "{\"properties\":{\"driveList\":" + json(drives(3)) + "}}");
    assertThat(redriven.body().at("/properties/driveList").size()).isEqualTo(3);
    assertArmError(arm.patch(job(g, "none"), "{\"properties\":{}}"), 404, "ResourceNotFound", "none");
  }

  /** What the SDKs send: every UpdateJobParameters field with its default, so cancelRequested false on each update. */
  @Test
  void cancelRequestedFalseChangesNothing() {
    String g = fx.uniqueGroup("nocancel");
    assertThat(create(g, "jb", b -> { }).status()).isEqualTo(201);
    ArmHttp.Reply kept = arm.patch(job(g, "jb"), "{\"properties\":{\"cancelRequested\":false}}");
    assertThat(kept.status()).isEqualTo(200);
    assertThat(kept.body().at("/properties/state").asText()).isEqualTo("Creating");
    assertThat(kept.body().at("/properties/cancelRequested").asBoolean()).isFalse();

    ObjectNode shipping = Json.object();
    properties(withDelivery(shipping)).put("state", "Shipping").put("cancelRequested", false)
        .put("backupDriveManifest", false);
    ArmHttp.Reply shipped = arm.patch(job(g, "jb"), json(shipping));
    assertThat(shipped.status()).as("an SDK's mark-shipping: %s", shipped.body()).isEqualTo(200);
    assertConforms("JobResponse", shipped.body());
    assertThat(shipped.body().at("/properties/state").asText()).isEqualTo("Shipping");
    assertThat(shipped.body().at("/properties/cancelRequested").asBoolean()).isFalse();

    assertThat(arm.patch(job(g, "jb"), "{\"properties\":{\"cancelRequested\":true}}").status()).isEqualTo(200);
    ArmHttp.Reply after = arm.patch(job(g, "jb"), "{\"properties\":{\"cancelRequested\":false}}");
    assertThat(after.status()).isEqualTo(200);
    assertThat(after.body().at("/properties/cancelRequested").asBoolean()).as("false does not undo a cancel").isTrue();
    assertThat(after.body().at("/properties/state").asText()).isEqualTo("Shipping");
  }

  @Test
  void cancellingACreatingJobCompletesIt() {
    String g = fx.uniqueGroup("cancel");
    assertThat(create(g, "jb", b -> { }).status()).isEqualTo(201);
    ArmHttp.Reply cancelled = arm.patch(job(g, "jb"), "{\"properties\":{\"cancelRequested\":true}}");
    assertThat(cancelled.status()).isEqualTo(200);
    assertThat(cancelled.body().at("/properties/state").asText()).isEqualTo("Completed");
    assertThat(cancelled.body().at("/properties/cancelRequested").asBoolean()).isTrue();
    assertArmError(arm.patch(job(g, "jb"), "{\"properties\":{\"cancelRequested\":true}}"), 409, "InvalidJobState",
        "Completed");
    assertArmError(arm.patch(job(g, "jb"), "{\"properties\":{\"state\":\"Shipping\"}}"), 409, "InvalidJobState",
        "Completed");
    assertThat(arm.delete(job(g, "jb")).status()).isEqualTo(200);
    assertThat(arm.get(job(g, "jb")).status()).isEqualTo(404);
  }

  @Test
  void aShippingJobIsMarkedCancelledAndCannotBeDeletedOrChanged() {
    String g = fx.uniqueGroup("shipped");
    assertThat(create(g, "jb", b -> { }).status()).isEqualTo(201);
    ship(g, "jb");
    assertArmError(arm.delete(job(g, "jb")), 409, "InvalidJobState", "only jobs in the Creating or Completed states");
    assertArmError(arm.patch(job(g, "jb"), "{\"properties\":{\"driveList\":" + json(drives(2)) + "}}"), 409,
        "InvalidJobState", "properties.driveList");
    assertArmError(arm.patch(job(g, "jb"), "{\"properties\":{\"state\":\"Shipping\"}}"), 409, "InvalidJobState",
        "Shipping");
    ArmHttp.Reply cancelled = arm.patch(job(g, "jb"), "{\"properties\":{\"cancelRequested\":true}}");
    assertThat(cancelled.status()).isEqualTo(200);
    assertThat(cancelled.body().at("/properties/state").asText()).isEqualTo("Shipping");
    assertThat(cancelled.body().at("/properties/cancelRequested").asBoolean()).isTrue();
    assertThat(arm.get(job(g, "jb")).body().at("/properties/driveList").size()).isEqualTo(1);
  }

  @Test
  void deletingAMissingJobIsArmsNotFound() {
    String g = fx.uniqueGroup("missing");
    ArmHttp.Reply reply = arm.delete(job(g, "nothere"));
    assertArmError(reply, 404, "ResourceNotFound", "The Resource 'Microsoft.ImportExport/jobs/nothere' under resource"
        + " group '" + g + "' was not found");
    assertArmError(arm.get(job(g, "nothere")), 404, "ResourceNotFound", "nothere");
    assertArmError(arm.post(jobPath(SHARED_SUBSCRIPTION, g, "nothere") + "/listBitLockerKeys?" + API, null), 404,
        "ResourceNotFound", "nothere");
  }

  @Test
  void bitLockerKeysOnlyLeaveThroughListBitLockerKeys() {
    String g = fx.uniqueGroup("keys");
    ArmHttp.Reply created = create(g, "jb", b -> properties(b).set("driveList", drives(3)));
    List<String> keys = new ArrayList<>();
    drives(3).forEach(d -> keys.add(d.get("bitLockerKey").asText()));
    String[] surfaces = {created.raw().body(), arm.get(job(g, "jb")).raw().body(),
        arm.get(jobsPath(SHARED_SUBSCRIPTION, g) + "?" + API).raw().body(),
        arm.get("subscriptions/" + SHARED_SUBSCRIPTION + "/providers/Microsoft.ImportExport/jobs?" + API
            + "&$filter=name%20eq%20'jb'").raw().body(),
        arm.patch(job(g, "jb"), "{\"properties\":{\"logLevel\":\"Error\"}}").raw().body()};
    for (String surface : surfaces) {
      assertThat(surface).doesNotContain("bitLockerKey");
      keys.forEach(key -> assertThat(surface).doesNotContain(key));
    }
    ArmHttp.Reply listed = arm.post(jobPath(SHARED_SUBSCRIPTION, g, "jb") + "/listBitLockerKeys?" + API, null);
    assertThat(listed.status()).isEqualTo(200);
    assertConforms("GetBitLockerKeysResponse", listed.body());
    for (int i = 0; i < 3; i++) {
      assertThat(listed.body().at("/value/" + i + "/driveId").asText()).isEqualTo("DRIVE" + i);
      assertThat(listed.body().at("/value/" + i + "/bitLockerKey").asText()).isEqualTo(keys.get(i));
    }
  }

  @Test
  void listsPageWithAbsoluteNextLinksInAStableOrder() {
    String g = fx.uniqueGroup("paging");
    List<String> names = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      String name = String.format("job-%02d", 24 - i);
      names.add(name);
      assertThat(create(g, name, b -> { }).status()).isEqualTo(201);
    }
    names.sort(null);
    List<String> seen = new ArrayList<>();
    List<Integer> pageSizes = new ArrayList<>();
    String next = jobsPath(SHARED_SUBSCRIPTION, g) + "?" + API;
    while (next != null) {
      ArmHttp.Reply page = arm.get(next);
      assertThat(page.status()).isEqualTo(200);
      assertConforms("ListJobsResponse", page.body());
      page.body().path("value").forEach(j -> seen.add(j.path("name").asText()));
      pageSizes.add(page.body().path("value").size());
      next = relative(page.body().path("nextLink"));
    }
    assertThat(seen).isEqualTo(names);
    assertThat(pageSizes).containsExactly(20, 5);

    List<String> topped = new ArrayList<>();
    next = jobsPath(SHARED_SUBSCRIPTION, g) + "?" + API + "&$top=22";
    while (next != null) {
      ArmHttp.Reply page = arm.get(next);
      page.body().path("value").forEach(j -> topped.add(j.path("name").asText()));
      if (page.body().has("nextLink")) {
        assertThat(page.body().path("nextLink").asText()).contains("api-version=2021-01-01").contains("$top=22")
            .contains("$skipToken=");
      }
      next = relative(page.body().path("nextLink"));
    }
    assertThat(topped).isEqualTo(names.subList(0, 22));

    ArmHttp.Reply filtered = arm.get(jobsPath(SHARED_SUBSCRIPTION, g) + "?" + API
        + "&$filter=jobType%20eq%20'Import'%20and%20state%20eq%20'Creating'");
    assertThat(filtered.body().path("value").size()).isEqualTo(20);
    assertThat(filtered.body().path("nextLink").asText()).contains("$filter=jobType%20eq%20%27Import%27%20and%20state");
    assertThat(arm.get(relative(filtered.body().path("nextLink"))).body().path("value").size()).isEqualTo(5);
  }

  @Test
  void listsFilterAndCap() {
    String g = fx.uniqueGroup("filter");
    for (String name : List.of("a1", "a2", "a3")) {
      assertThat(create(g, name, b -> { }).status()).isEqualTo(201);
    }
    ship(g, "a2");
    String list = jobsPath(SHARED_SUBSCRIPTION, g) + "?" + API;
    assertThat(names(arm.get(list + "&$filter=state%20eq%20'Shipping'"))).containsExactly("a2");
    assertThat(names(arm.get(list + "&$filter=state%20eq%20'Creating'%20and%20name%20eq%20'a3'"))).containsExactly("a3");
    assertThat(names(arm.get(list + "&$filter=jobType%20eq%20'Export'"))).isEmpty();
    assertThat(names(arm.get(list + "&$top=2"))).containsExactly("a1", "a2");
    assertThat(arm.get(list + "&$top=2").body().has("nextLink")).isFalse();
    assertThat(names(arm.get("subscriptions/" + SHARED_SUBSCRIPTION + "/providers/Microsoft.ImportExport/jobs?" + API
        + "&$filter=name%20eq%20'a2'%20and%20state%20eq%20'Shipping'"))).contains("a2");

    assertArmError(arm.get(list + "&$filter=state%20ne%20'Creating'"), 400, "InvalidFilter", "$filter");
    assertArmError(arm.get(list + "&$filter=percentComplete%20eq%20'5'"), 400, "InvalidFilter", "percentComplete");
    assertArmError(arm.get(list + "&$filter=state%20eq%20'Creating'%20or%20name%20eq%20'a1'"), 400, "InvalidFilter",
        "$filter");
    for (String top : List.of("0", "101", "-1", "ten")) {
      assertArmError(arm.get(list + "&$top=" + top), 400, "InvalidQueryParameterValue", "$top");
    }
    assertArmError(arm.get(list + "&$skipToken=bm90LWEtdG9rZW4"), 400, "InvalidSkipToken", "$skipToken");
    assertThat(names(arm.get(list + "&$top=100"))).hasSize(3);
  }

  @Test
  void jobsLeftInCreatingExpireOnTheVirtualClock() {
    String g = fx.uniqueGroup("expiry");
    assertThat(create(g, "forgotten", b -> { }).status()).isEqualTo(201);
    assertThat(create(g, "sent", b -> { }).status()).isEqualTo(201);
    assertThat(create(g, "updated", b -> { }).status()).isEqualTo(201);
    ship(g, "sent");
    assertThat(arm.post("local-azure/clock", "{\"advance\":\"P13D\"}").status()).isEqualTo(200);
    assertThat(arm.get(job(g, "forgotten")).status()).as("not yet two weeks").isEqualTo(200);
    // "an update while Creating resets the two-week timer"
    assertThat(arm.patch(job(g, "updated"), "{\"properties\":{\"logLevel\":\"Verbose\"}}").status()).isEqualTo(200);
    assertThat(arm.post("local-azure/clock", "{\"advance\":\"P2D\"}").status()).isEqualTo(200);
    assertThat(arm.get(job(g, "forgotten")).status()).isEqualTo(404);
    assertThat(names(arm.get(jobsPath(SHARED_SUBSCRIPTION, g) + "?" + API))).containsExactlyInAnyOrder("sent",
        "updated");
    assertThat(arm.post("local-azure/clock", "{\"advance\":\"P12D\"}").status()).isEqualTo(200);
    assertThat(arm.get(job(g, "updated")).status()).as("two weeks after its update").isEqualTo(404);
    assertThat(arm.get(job(g, "sent")).body().at("/properties/state").asText()).isEqualTo("Shipping");
  }

  @Test
  void deletingTheGroupDeletesItsJobs() {
    String g = fx.uniqueGroup("groupdelete");
    assertThat(create(g, "jb", b -> { }).status()).isEqualTo(201);
    fx.freshGroup(SHARED_SUBSCRIPTION, g);
    assertThat(arm.get(job(g, "jb")).status()).isEqualTo(404);
  }

  @Test
  void onlyApiVersion20210101IsServed() {
    String g = fx.uniqueGroup("version");
    String path = jobPath(SHARED_SUBSCRIPTION, g, "jb");
    assertArmError(arm.put(path + "?api-version=2016-11-01", json(importBody(SHARED_SUBSCRIPTION))), 400,
        "NoRegisteredProviderFound", "2016-11-01");
    assertThat(arm.get(path + "?" + API).status()).as("nothing stored").isEqualTo(404);
    assertArmError(arm.get(path), 400, "MissingApiVersionParameter", "api-version");
    assertArmError(arm.get("providers/Microsoft.ImportExport/locations?api-version=2020-08-01"), 400,
        "NoRegisteredProviderFound", "The supported api-versions are '2021-01-01'");
    assertArmError(arm.get(path + "?api-version=latest"), 400, "InvalidApiVersionParameter", "latest");
  }

  @Test
  void locationsAndOperations() {
    ArmHttp.Reply all = arm.get("providers/Microsoft.ImportExport/locations?" + API);
    assertThat(all.status()).isEqualTo(200);
    assertConforms("LocationsResponse", all.body());
    assertThat(all.body().path("value").size()).isGreaterThanOrEqualTo(3);
    assertThat(arm.get("providers/Microsoft.ImportExport/locations/AustraliaEast?" + API).body().at("/name").asText())
        .isEqualTo("Australia East");
    assertArmError(arm.get("providers/Microsoft.ImportExport/locations/atlantis?" + API), 404, "LocationNotFound",
        "atlantis");
    ArmHttp.Reply operations = arm.get("providers/Microsoft.ImportExport/operations?" + API);
    assertThat(operations.status()).isEqualTo(200);
    assertConforms("ListOperationsResponse", operations.body());
    assertThat(operations.body().findValuesAsText("name")).contains("Microsoft.ImportExport/jobs/write");
  }

  private void ship(String group, String name) {
    ObjectNode body = Json.object();
    properties(withDelivery(body)).put("state", "Shipping");
    ArmHttp.Reply shipped = arm.patch(job(group, name), json(body));
    assertThat(shipped.status()).as("shipping %s: %s", name, shipped.body()).isEqualTo(200);
    assertThat(shipped.body().at("/properties/state").asText()).isEqualTo("Shipping");
  }

  private static ObjectNode withDelivery(ObjectNode body) {
    body.putObject("properties").set("deliveryPackage", deliveryPackage());
    return body;
  }

  private static ArrayNode drives(int count) {
    ArrayNode drives = Json.array();
    for (int i = 0; i < count; i++) {
      ObjectNode drive = drives.addObject();
      drive.put("driveId", "DRIVE" + i);
      drive.put("bitLockerKey", String.format("%06d-111111-222222-333333-444444-555555-666666-77777%d", i, i));
      drive.put("manifestFile", "\\drive" + i + ".manifest");
      drive.put("manifestHash", "4228EC5D8E048CB9B515338C789314BE8D0B2FDBC7C7A0308E1C826242CDE7" + (10 + i));
      drive.put("driveHeaderHash", "0:1048576:FB6B" + i);
    }
    return drives;
  }

  private static List<String> names(ArmHttp.Reply reply) {
    assertThat(reply.status()).as("%s", reply.body()).isEqualTo(200);
    List<String> names = new ArrayList<>();
    reply.body().path("value").forEach(j -> names.add(j.path("name").asText()));
    return names;
  }

  /** nextLink is absolute, on local-azure's ARM endpoint; ArmHttp wants it relative to that. */
  private String relative(JsonNode nextLink) {
    if (nextLink.isMissingNode() || nextLink.isNull()) {
      return null;
    }
    assertThat(nextLink.asText()).startsWith(fx.azure.armEndpoint());
    return nextLink.asText().substring(fx.azure.armEndpoint().length());
  }
}
