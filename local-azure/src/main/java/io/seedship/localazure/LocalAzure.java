package io.seedship.localazure;

import io.seedship.localazure.tls.LocalCertificates;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * A running local-azure: its HTTPS endpoints and the trust store clients need. Starts in-process (tests, the
 * local launcher) or from {@link LocalAzureApplication#main}.
 */
public final class LocalAzure implements AutoCloseable {

  public static final String CONFIG_NAME = "local-azure";

  private final ConfigurableApplicationContext context;

  private LocalAzure(ConfigurableApplicationContext context) {
    this.context = context;
  }

  /**
   * Starts local-azure inside another application's JVM (tests, the local launcher); arguments are Spring Boot ones,
   * e.g. {@code --server.port=0 --local-azure.data-dir=/tmp/x}. Logging is left as the host set it up: it is global
   * to the JVM, and the host's services should keep their own names and levels.
   */
  public static LocalAzure start(String... args) {
    return start(false, args);
  }

  /** Starts local-azure as its own process, owning logging. */
  public static LocalAzure startStandalone(String... args) {
    return start(true, args);
  }

  private static LocalAzure start(boolean standalone, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    if (all.stream().noneMatch(a -> a.startsWith("--spring.config.name"))) {
      all.add("--spring.config.name=" + CONFIG_NAME);
    }
    SpringApplication app = new SpringApplication(LocalAzureApplication.class);
    if (!standalone) {
      app.setListeners(app.getListeners().stream()
          .filter(listener -> !(listener instanceof LoggingApplicationListener)).toList());
    }
    // the TLS material must exist before the web server binds; it is made here, not by a bean
    app.addListeners((ApplicationEnvironmentPreparedEvent event) -> useCertificates(event.getEnvironment()));
    return new LocalAzure(app.run(all.toArray(String[]::new)));
  }

  private static void useCertificates(ConfigurableEnvironment env) {
    Path dataDir = Path.of(env.getRequiredProperty("local-azure.data-dir"));
    String host = env.getProperty("local-azure.host", "localhost");
    LocalCertificates certificates = LocalCertificates.ensure(dataDir.resolve("tls"), host);
    env.getPropertySources().addFirst(new MapPropertySource("local-azure-tls", Map.of(
        "server.ssl.enabled", "true",
        "server.ssl.key-store", certificates.keyStore().toUri().toString(),
        "server.ssl.key-store-type", "PKCS12",
        "server.ssl.key-store-password", certificates.password(),
        "server.ssl.key-alias", LocalCertificates.ALIAS)));
  }

  public int port() {
    return ((WebServerApplicationContext) context).getWebServer().getPort();
  }

  public LocalAzureProperties properties() {
    return context.getBean(LocalAzureProperties.class);
  }

  /** Base URL of ARM, also the token audience for it, with a trailing slash. */
  public String armEndpoint() {
    return "https://" + properties().getHost() + ":" + port() + "/";
  }

  /** Microsoft Graph's resource id: calls go to {@code <it>v1.0/...}. */
  public String graphEndpoint() {
    return armEndpoint() + "graph/";
  }

  /** The Entra authority host: tokens at {@code <it><tenant>/oauth2/v2.0/token}. */
  public String authorityHost() {
    return armEndpoint();
  }

  public LocalCertificates certificates() {
    return LocalCertificates.ensure(properties().getDataDir().resolve("tls"), properties().getHost());
  }

  public ConfigurableApplicationContext context() {
    return context;
  }

  public <T> T bean(Class<T> type) {
    return context.getBean(type);
  }

  public String describe() {
    LocalAzureProperties p = properties();
    return String.join(System.lineSeparator(),
        "local-azure is up",
        "  ARM (resourceManagerEndpointUrl):   " + armEndpoint(),
        "  Graph (microsoftGraphResourceId):   " + graphEndpoint(),
        "  Entra (activeDirectoryEndpointUrl): " + authorityHost() + "  tenant " + p.getTenantId(),
        "  OpenID discovery: " + authorityHost() + p.getTenantId() + "/v2.0/.well-known/openid-configuration"
            + "  (Seedship API " + p.getSeedshipApi().getAppIdUri() + ")",
        "  device code sign-in page: " + authorityHost() + "devicelogin  (as " + p.getUser().getUserPrincipalName()
            + ")",
        "  trust store (PKCS12, password '" + LocalCertificates.TRUST_STORE_PASSWORD + "'): "
            + certificates().trustStore(),
        "  CA certificate (PEM): " + certificates().certificatePem(),
        "  listening on: " + context.getEnvironment().getProperty("server.address", "all interfaces") + ":" + port(),
        "  admin API: " + armEndpoint() + "local-azure/ (ARM token of client " + p.adminClientIds() + ")",
        "  subscriptions: " + p.getSubscriptions());
  }

  @Override
  public void close() {
    context.close();
  }
}
