package io.seedship.runtime.azure;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpPipelineBuilder;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.core.http.policy.AddDatePolicy;
import com.azure.core.http.policy.BearerTokenAuthenticationPolicy;
import com.azure.core.http.policy.HttpPipelinePolicy;
import com.azure.core.http.policy.RequestIdPolicy;
import com.azure.core.http.policy.UserAgentPolicy;
import com.azure.core.management.AzureEnvironment;
import com.azure.core.management.profile.AzureProfile;
import com.azure.identity.ClientCertificateCredentialBuilder;
import com.azure.identity.ClientSecretCredentialBuilder;
import com.azure.identity.DefaultAzureCredentialBuilder;
import io.seedship.runtime.azure.core.ArmRest;
import io.seedship.runtime.azure.core.AzureException;
import io.seedship.runtime.azure.core.ManagementSetup;
import io.seedship.runtime.azure.graph.GraphClient;
import io.seedship.runtime.azure.importexport.ImportExportClient;
import io.seedship.runtime.azure.importexport.ImportExportJobs;
import io.seedship.runtime.azure.importjobs.ImportJobs;
import io.seedship.runtime.azure.recoveryservices.BackupClient;
import io.seedship.runtime.azure.recoveryservices.RecoveryVaultsClient;
import io.seedship.runtime.azure.resources.ResourceGroupsClient;
import io.seedship.runtime.azure.storage.StorageClient;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The one place Azure clients are built for the configured cloud: the HTTP client (trusting local-azure's
 * certificate for LOCAL), the credential (the SDK's chain for real clouds, local-azure's service principal for
 * LOCAL), the retry policy, and the typed clients Seedship uses. Thread-safe; build one per process.
 *
 * <p>Each typed client is built here once and kept (Graph once, the others once per subscription): building one
 * builds an SDK manager with its own pipeline. The typed clients get only the pieces they need
 * ({@link ManagementSetup}, {@link ArmRest}), never this class, so their packages do not depend back on this one.
 */
public final class AzureClients {

  static {
    // the JDK HTTP client refuses Content-Length set by azure-core unless told otherwise (read once, at first use)
    if (System.getProperty("jdk.httpclient.allowRestrictedHeaders") == null) {
      System.setProperty("jdk.httpclient.allowRestrictedHeaders", "content-length");
    }
  }

  private final AzureProperties properties;
  private final AzureEnvironment environment;
  private final HttpClient httpClient;
  private final TokenCredential credential;
  private final List<HttpPipelinePolicy> extraPolicies;
  private final ManagementSetup management;
  private final ArmRest arm;
  private volatile GraphClient graph;
  private volatile Clock time;
  private final Map<String, ResourceGroupsClient> resourceGroups = new ConcurrentHashMap<>();
  private final Map<String, ImportExportClient> importExport = new ConcurrentHashMap<>();
  private final Map<String, StorageClient> storage = new ConcurrentHashMap<>();
  private final Map<String, RecoveryVaultsClient> recoveryVaults = new ConcurrentHashMap<>();
  private final Map<String, BackupClient> backup = new ConcurrentHashMap<>();

  private AzureClients(AzureProperties properties, TokenCredential credential,
      List<HttpPipelinePolicy> extraPolicies) {
    this.properties = properties;
    this.environment = properties.getCloud().environment(properties.getLocalEndpoint());
    this.extraPolicies = List.copyOf(extraPolicies);
    this.httpClient = properties.getCloud() == AzureCloud.LOCAL
        ? new JdkHttpClientBuilder(java.net.http.HttpClient.newBuilder().sslContext(localTrust(properties))).build()
        : new JdkHttpClientBuilder().build();
    this.credential = credential != null ? credential
        : properties.getCloud() == AzureCloud.LOCAL ? localCredential() : new DefaultAzureCredentialBuilder()
        .authorityHost(environment.getActiveDirectoryEndpoint())
        .tenantId(properties.getTenantId())
        .httpClient(httpClient)
        .build();
    this.management = new ManagementSetup(httpClient, this.credential, environment, properties.getTenantId(),
        AzureRetry.options(properties.getRetry()), this.extraPolicies);
    this.arm = new ArmRest(pipeline(this.credential, environment.getManagementEndpoint() + "/.default"),
        environment.getResourceManagerEndpoint());
  }

  public static AzureClients create(AzureProperties properties) {
    return new AzureClients(properties, null, List.of());
  }

  /**
   * With a credential chosen by the caller (null: the configured one) and extra pipeline policies on every client
   * (metrics, or a test watching each attempt).
   */
  public static AzureClients create(AzureProperties properties, TokenCredential credential,
      List<HttpPipelinePolicy> extraPolicies) {
    return new AzureClients(properties, credential, extraPolicies);
  }

  public AzureEnvironment environment() {
    return environment;
  }

  public HttpClient httpClient() {
    return httpClient;
  }

  public TokenCredential credential() {
    return credential;
  }

  public AzureProperties properties() {
    return properties;
  }

  public AzureProfile profile(String subscriptionId) {
    return management.profile(subscriptionId);
  }

  /** Policies every management client gets, after its own: {@link #extraPolicies} run on each attempt. */
  public List<HttpPipelinePolicy> extraPolicies() {
    return extraPolicies;
  }

  /**
   * A credential for an application that proves itself with a certificate (the offline-backup application):
   * {@code pem} holds an unencrypted PKCS#8 private key and the certificate. Used to check a registration works.
   */
  public TokenCredential certificateCredential(String tenantId, String clientId, byte[] pem) {
    ClientCertificateCredentialBuilder builder = new ClientCertificateCredentialBuilder()
        .tenantId(tenantId)
        .clientId(clientId)
        .pemCertificate(new ByteArrayInputStream(pem))
        .authorityHost(environment.getActiveDirectoryEndpoint())
        .httpClient(httpClient);
    if (properties.getCloud() == AzureCloud.LOCAL) {
      builder.disableInstanceDiscovery();
    }
    return builder.build();
  }

  /**
   * Proves an application's certificate works by obtaining an ARM token with it, as Azure Backup will; returns
   * when the token expires. A certificate Entra does not accept leaves as {@link AzureException.Unauthorized}.
   */
  public java.time.OffsetDateTime proveCertificate(String tenantId, String clientId, byte[] pem) {
    TokenCredential certificate = certificateCredential(tenantId, clientId, pem);
    try {
      com.azure.core.credential.AccessToken token = certificate.getTokenSync(
          new com.azure.core.credential.TokenRequestContext().addScopes(environment.getManagementEndpoint()
              + "/.default"));
      return token.getExpiresAt();
    } catch (RuntimeException e) {
      Throwable cause = e;
      while (cause.getCause() != null && !(cause instanceof com.microsoft.aad.msal4j.MsalServiceException)) {
        cause = cause.getCause();
      }
      String detail = cause instanceof com.microsoft.aad.msal4j.MsalServiceException msal
          ? msal.errorCode() + ": " + firstLine(msal.getMessage()) : firstLine(e.getMessage());
      throw new AzureException.Unauthorized(401, "CertificateRefused", "Entra refused the certificate of application "
          + clientId + ": " + detail, e);
    }
  }

  private static String firstLine(String text) {
    if (text == null) {
      return "";
    }
    int newline = text.indexOf('\n');
    return newline < 0 ? text : text.substring(0, newline);
  }

  /**
   * The clock Azure's deadlines run on: the system clock on a real cloud, local-azure's virtual clock on LOCAL (see
   * {@link AzureTime}). Stages measure documented time limits with it; leases and retries keep real time.
   */
  public Clock time() {
    Clock t = time;
    if (t == null) {
      synchronized (this) {
        if (time == null) {
          time = properties.getCloud() == AzureCloud.LOCAL
              ? AzureTime.localAzure(arm, Duration.ofSeconds(1)) : AzureTime.system();
        }
        t = time;
      }
    }
    return t;
  }

  public ResourceGroupsClient resourceGroups(String subscriptionId) {
    return resourceGroups.computeIfAbsent(subscriptionId, id -> new ResourceGroupsClient(management, id));
  }

  public ImportExportClient importExport(String subscriptionId) {
    return importExport.computeIfAbsent(subscriptionId, id -> new ImportExportClient(arm, id));
  }

  /**
   * Customer-disk import jobs of a subscription, in the API's neutral form: what stages use. Microsoft.ImportExport
   * 2021-01-01 today; Microsoft.DataBox's customer-disk jobs plug in here.
   */
  public ImportJobs importJobs(String subscriptionId) {
    return new ImportExportJobs(importExport(subscriptionId));
  }

  public StorageClient storage(String subscriptionId) {
    return storage.computeIfAbsent(subscriptionId, id -> new StorageClient(management, id));
  }

  public RecoveryVaultsClient recoveryVaults(String subscriptionId) {
    return recoveryVaults.computeIfAbsent(subscriptionId, id -> new RecoveryVaultsClient(management, id));
  }

  /** Azure Backup (MARS servers, their jobs, recovery points, restores) in the vaults of a subscription. */
  public BackupClient backup(String subscriptionId) {
    return backup.computeIfAbsent(subscriptionId, id -> new BackupClient(arm, id));
  }

  /** Microsoft Graph, for the tenant: one client per process. */
  public GraphClient graph() {
    GraphClient built = graph;
    if (built == null) {
      synchronized (this) {
        built = graph;
        if (built == null) {
          built = new GraphClient(management);
          graph = built;
        }
      }
    }
    return built;
  }

  /** A pipeline for REST calls the SDK has no client for: retries outside, the token and extras on each attempt. */
  HttpPipeline pipeline(TokenCredential tokenCredential, String scope) {
    List<HttpPipelinePolicy> policies = new ArrayList<>();
    policies.add(new UserAgentPolicy("seedship"));
    policies.add(new RequestIdPolicy());
    policies.add(AzureRetry.policy(properties.getRetry()));
    policies.add(new AddDatePolicy());
    policies.add(new BearerTokenAuthenticationPolicy(tokenCredential, scope));
    policies.addAll(extraPolicies);
    return new HttpPipelineBuilder().httpClient(httpClient).policies(policies.toArray(HttpPipelinePolicy[]::new))
        .build();
  }

  private TokenCredential localCredential() {
    if (properties.getClientId() == null || properties.getClientSecret() == null || properties.getTenantId() == null) {
      throw new IllegalArgumentException("seedship.azure.cloud=LOCAL needs seedship.azure.tenant-id, client-id and "
          + "client-secret (local-azure's service principal)");
    }
    return new ClientSecretCredentialBuilder()
        .tenantId(properties.getTenantId())
        .clientId(properties.getClientId())
        .clientSecret(properties.getClientSecret())
        .authorityHost(environment.getActiveDirectoryEndpoint())
        .disableInstanceDiscovery()
        .httpClient(httpClient)
        .build();
  }

  /** The TLS trust for calls to this cloud: local-azure's certificate on LOCAL, the JDK's defaults elsewhere. */
  public static SSLContext sslContext(AzureProperties properties) {
    if (properties.getCloud() != AzureCloud.LOCAL) {
      try {
        return SSLContext.getDefault();
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("the JDK has no default TLS context", e);
      }
    }
    return localTrust(properties);
  }

  private static SSLContext localTrust(AzureProperties properties) {
    if (properties.getTrustStore() == null) {
      throw new IllegalArgumentException("seedship.azure.trust-store must name local-azure's trust store "
          + "(<local-azure data dir>/tls/trust.p12) when seedship.azure.cloud=LOCAL");
    }
    Path path = Path.of(properties.getTrustStore());
    try (InputStream in = Files.newInputStream(path)) {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(in, properties.getTrustStorePassword().toCharArray());
      TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(store);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, factory.getTrustManagers(), null);
      return context;
    } catch (IOException e) {
      throw new UncheckedIOException("seedship.azure.trust-store: cannot read " + path, e);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("seedship.azure.trust-store: " + path + " is not a PKCS12 trust store "
          + "with the configured password", e);
    }
  }
}
