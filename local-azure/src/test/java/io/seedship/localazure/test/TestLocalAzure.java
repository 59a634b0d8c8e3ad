package io.seedship.localazure.test;

import io.seedship.localazure.LocalAzure;
import io.seedship.localazure.LocalAzureProperties;
import io.seedship.localazure.auth.TokenIssuer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One local-azure per test JVM (no Azurite unless asked), plus tokens minted directly so a test of one
 * resource provider does not depend on the token endpoint.
 */
public final class TestLocalAzure {

  private static LocalAzure shared;

  private TestLocalAzure() {
  }

  /** The shared instance: HTTPS on a free port, Azurite off, a fresh data directory. */
  public static synchronized LocalAzure shared() {
    if (shared == null) {
      shared = start("--local-azure.azurite.mode=none");
      Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
    }
    return shared;
  }

  /** A new instance with extra arguments (the caller closes it). */
  public static LocalAzure start(String... extra) {
    try {
      Path dataDir = Files.createTempDirectory("local-azure-test");
      List<String> args = new ArrayList<>(List.of("--server.port=0", "--local-azure.data-dir=" + dataDir));
      args.addAll(List.of(extra));
      return LocalAzure.start(args.toArray(String[]::new));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The {@code seedship.azure.*} settings that point a service at {@code azure}, as its service principal (mutable). */
  public static java.util.Map<String, Object> serviceSettings(LocalAzure azure) {
    java.util.Map<String, Object> settings = new java.util.HashMap<>();
    settings.put("seedship.azure.cloud", "LOCAL");
    settings.put("seedship.azure.local-endpoint", azure.armEndpoint());
    settings.put("seedship.azure.tenant-id", azure.properties().getTenantId());
    settings.put("seedship.azure.trust-store", azure.certificates().trustStore().toString());
    settings.put("seedship.azure.client-id", azure.properties().getApp().getClientId());
    settings.put("seedship.azure.client-secret", azure.properties().getApp().getClientSecret());
    return settings;
  }

  /** An app token for ARM, as Seedship's service principal. */
  public static String armToken(LocalAzure azure) {
    LocalAzureProperties.App app = azure.properties().getApp();
    return azure.bean(TokenIssuer.class).issueForApp(app.getClientId(), app.getClientId(), azure.armEndpoint());
  }

  /**
   * A token the admin API ({@code /local-azure/*}) takes: an app-only ARM token of Seedship's service principal, the
   * default admin client (local-azure.admin.client-ids). The same as {@link #armToken}, named for what it is used for.
   */
  public static String adminToken(LocalAzure azure) {
    return armToken(azure);
  }

  /** A delegated token for Graph, as the configured signed-in user. */
  public static String graphUserToken(LocalAzure azure) {
    LocalAzureProperties properties = azure.properties();
    return azure.bean(TokenIssuer.class).issueForUser(properties.getApp().getClientId(),
        properties.getUser().getObjectId(), properties.getUser().getUserPrincipalName(), azure.graphEndpoint());
  }

  /** The app id (and service principal id) of {@link #seedshipToken}'s tokens: a test caller of the Seedship API. */
  public static final String SEEDSHIP_TEST_CLIENT_ID = "5eed5417-0000-4000-8000-0000000c00ff";

  /** The Seedship API's application ID URI ({@code local-azure.seedship-api.app-id-uri}): its tokens' audience. */
  public static String seedshipApiAudience(LocalAzure azure) {
    return azure.properties().getSeedshipApi().getAppIdUri();
  }

  /**
   * An app-only token for the Seedship API with these app roles (none: no roles claim), minted directly as the
   * test client {@link #SEEDSHIP_TEST_CLIENT_ID}; the roles are not checked against the configured ones, so a test
   * can present an unknown role.
   */
  public static String seedshipToken(LocalAzure azure, String... roles) {
    return seedshipToken(azure, TokenIssuer.LIFETIME, seedshipApiAudience(azure), roles);
  }

  /** The same with a lifetime (negative: already expired) and an audience (another one: for refusal tests). */
  public static String seedshipToken(LocalAzure azure, java.time.Duration lifetime, String audience,
                                     String... roles) {
    return azure.bean(TokenIssuer.class).issueForApp(SEEDSHIP_TEST_CLIENT_ID, SEEDSHIP_TEST_CLIENT_ID, audience,
        lifetime, List.of(roles));
  }

  /**
   * An Import/Export job named {@code name} (the REST example's, writing into {@code storageAccountId}), created
   * through ARM and then ended in {@code state} (Completed, Closed) as the datacenter would, without drives: for the
   * tests of what follows an import.
   */
  public static void importJob(LocalAzure azure, String subscription, String group, String name,
                               String storageAccountId) {
    try (java.io.InputStream in = TestLocalAzure.class.getClassLoader()
        .getResourceAsStream("importexport/examples/CreateJob.json")) {
      com.fasterxml.jackson.databind.node.ObjectNode body = (com.fasterxml.jackson.databind.node.ObjectNode)
          io.seedship.localazure.arm.Json.MAPPER.readTree(in).path("parameters").path("body").deepCopy();
      ((com.fasterxml.jackson.databind.node.ObjectNode) body.get("properties"))
          .put("storageAccountId", storageAccountId);
      ArmHttp.Reply created = new ArmHttp(azure, armToken(azure)).put("subscriptions/" + subscription
          + "/resourceGroups/" + group + "/providers/Microsoft.ImportExport/jobs/" + name + "?api-version=2021-01-01",
          io.seedship.localazure.arm.Json.write(body));
      if (created.status() != 201) {
        throw new IllegalStateException("import job " + name + " not created: " + created.body());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Ends import job {@code name} in {@code state} as the datacenter would. */
  public static void endImportJob(LocalAzure azure, String subscription, String group, String name, String state) {
    io.seedship.localazure.importexport.JobStore store = azure.bean(io.seedship.localazure.importexport.JobStore.class);
    synchronized (store) {
      io.seedship.localazure.importexport.Job job = store.get(subscription, group, name).orElseThrow();
      com.fasterxml.jackson.databind.node.ObjectNode resource = job.copy();
      ((com.fasterxml.jackson.databind.node.ObjectNode) resource.get("properties")).put("state", state);
      store.put(job.with(resource));
    }
  }
}
