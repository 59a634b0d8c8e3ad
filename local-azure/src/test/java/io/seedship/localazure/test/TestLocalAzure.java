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
}
