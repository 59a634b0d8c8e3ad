package io.seedship.localazure;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** Everything local-azure is told at startup ({@code local-azure.*}); see local-azure.yml for defaults. */
@Validated
@ConfigurationProperties("local-azure")
public class LocalAzureProperties {

  /** Certificates, Azurite's files and the npm install live here. */
  @NotNull
  private Path dataDir;
  /** Host name in the advertised URLs and the certificate. */
  @NotBlank
  private String host = "localhost";
  /** The one Entra tenant. */
  @NotBlank
  private String tenantId;
  /** Subscriptions that exist from the start (more can be added through the admin API). */
  @NotEmpty
  private List<String> subscriptions = new ArrayList<>();
  @Valid
  private final User user = new User();
  @Valid
  private final App app = new App();
  @Valid
  private final Clock clock = new Clock();
  @Valid
  private final Faults faults = new Faults();
  @Valid
  private final Azurite azurite = new Azurite();
  @Valid
  private final ImportExport importExport = new ImportExport();
  @Valid
  private final Admin admin = new Admin();
  @Valid
  private final Backup backup = new Backup();
  @Valid
  private final SeedshipApi seedshipApi = new SeedshipApi();
  @Valid
  private final DeviceCode deviceCode = new DeviceCode();

  /** The signed-in user that {@code /me} returns to delegated (password) tokens. */
  public static class User {
    @NotBlank
    private String objectId;
    @NotBlank
    private String userPrincipalName;
    @NotBlank
    private String displayName;
    /** Only for the resource-owner password grant of local tests; never a real secret. */
    @NotBlank
    private String password;

    public String getObjectId() { return objectId; }
    public void setObjectId(String objectId) { this.objectId = objectId; }
    public String getUserPrincipalName() { return userPrincipalName; }
    public void setUserPrincipalName(String userPrincipalName) { this.userPrincipalName = userPrincipalName; }
    public String getDisplayName() { return displayName; }
    public void setDisplayName(String displayName) { this.displayName = displayName; }
    public String getPassword() { return password; }
    public void setPassword(String password) { this.password = password; }
  }

  /** Seedship's own service principal in the local tenant (client id + secret), for ARM and Graph calls. */
  public static class App {
    @NotBlank
    private String clientId;
    @NotBlank
    private String clientSecret;

    public String getClientId() { return clientId; }
    public void setClientId(String clientId) { this.clientId = clientId; }
    public String getClientSecret() { return clientSecret; }
    public void setClientSecret(String clientSecret) { this.clientSecret = clientSecret; }
  }

  /** The virtual clock that drives long-running Azure processes; tokens and throttling use real time. */
  public static class Clock {
    /** Virtual seconds per real second: 86400 is one day per second. */
    @DecimalMin("0.0")
    @DecimalMax("100000000")
    private double rate = 1.0;
    /** Virtual time at startup; empty for now. */
    private Instant start;

    public double getRate() { return rate; }
    public void setRate(double rate) { this.rate = rate; }
    public Instant getStart() { return start; }
    public void setStart(Instant start) { this.start = start; }
  }

  /** Injected failures on ARM and Graph requests; changeable at runtime through {@code /local-azure/faults}. */
  public static class Faults {
    /** Fraction of requests answered 429 with Retry-After. */
    @DecimalMin("0.0")
    @DecimalMax("1.0")
    private double throttleFraction;
    /** Fraction of requests answered 500. */
    @DecimalMin("0.0")
    @DecimalMax("1.0")
    private double errorFraction;
    @NotNull
    private Duration retryAfter = Duration.ofSeconds(1);
    /** Added to every request. */
    @NotNull
    private Duration latency = Duration.ZERO;
    /** ARM reads per subscription per budget window; 0 for no limit (Azure: 12000 an hour). */
    @Min(0)
    private int readBudget;
    /** ARM writes per subscription per budget window; 0 for no limit (Azure: 1200 an hour). */
    @Min(0)
    private int writeBudget;
    @NotNull
    private Duration budgetWindow = Duration.ofHours(1);
    /** Seed of the random draw, so a failing run can be repeated. */
    private long seed = 42;

    public double getThrottleFraction() { return throttleFraction; }
    public void setThrottleFraction(double throttleFraction) { this.throttleFraction = throttleFraction; }
    public double getErrorFraction() { return errorFraction; }
    public void setErrorFraction(double errorFraction) { this.errorFraction = errorFraction; }
    public Duration getRetryAfter() { return retryAfter; }
    public void setRetryAfter(Duration retryAfter) { this.retryAfter = retryAfter; }
    public Duration getLatency() { return latency; }
    public void setLatency(Duration latency) { this.latency = latency; }
    public int getReadBudget() { return readBudget; }
    public void setReadBudget(int readBudget) { this.readBudget = readBudget; }
    public int getWriteBudget() { return writeBudget; }
    public void setWriteBudget(int writeBudget) { this.writeBudget = writeBudget; }
    public Duration getBudgetWindow() { return budgetWindow; }
    public void setBudgetWindow(Duration budgetWindow) { this.budgetWindow = budgetWindow; }
    public long getSeed() { return seed; }
    public void setSeed(long seed) { this.seed = seed; }
  }

  /** Blob storage: an Azurite that local-azure starts (installed from npm), one given by URL, or none. */
  public static class Azurite {
    public enum Mode { START, EXTERNAL, NONE }

    @NotNull
    private Mode mode = Mode.START;
    /** For EXTERNAL: the blob service URL without account, e.g. http://127.0.0.1:10000. */
    private String url;
    /** For EXTERNAL: the accounts it knows, as name:base64key (AZURITE_ACCOUNTS syntax). */
    private List<String> accounts = new ArrayList<>();
    /** npm version installed for START. */
    @NotBlank
    private String version = "3.35.0";
    /** Blob port for START; 0 picks a free one. */
    @Min(0)
    private int port;

    public Mode getMode() { return mode; }
    public void setMode(Mode mode) { this.mode = mode; }
    public String getUrl() { return url; }
    public void setUrl(String url) { this.url = url; }
    public List<String> getAccounts() { return accounts; }
    public void setAccounts(List<String> accounts) { this.accounts = accounts; }
    public String getVersion() { return version; }
    public void setVersion(String version) { this.version = version; }
    public int getPort() { return port; }
    public void setPort(int port) { this.port = port; }
  }

  public static class ImportExport {
    /** Jobs left in Creating this long (virtual time) are deleted, as Azure does after two weeks. */
    @NotNull
    private Duration creatingJobLifetime = Duration.ofDays(14);
    /** Page size of job lists when no $top is given (Azure's is larger; small pages exercise nextLink). */
    @Min(1)
    private int pageSize = 20;

    @Valid
    private final Datacenter datacenter = new Datacenter();

    public Duration getCreatingJobLifetime() { return creatingJobLifetime; }
    public void setCreatingJobLifetime(Duration creatingJobLifetime) { this.creatingJobLifetime = creatingJobLifetime; }
    public int getPageSize() { return pageSize; }
    public void setPageSize(int pageSize) { this.pageSize = pageSize; }
    public Datacenter getDatacenter() { return datacenter; }
  }

  /**
   * The import datacenter ({@code local-azure.import-export.datacenter.*}): where shipped drives are handed over and
   * how long each step takes in virtual time. The documented limits (two weeks, 30 days, 90 days) are defaults here so
   * a test can shorten them.
   */
  public static class Datacenter {
    /** Drives are handed over here: a file (image) or a symlink (to a device or image) named by the drive id. Empty: {@code <data-dir>/dock}. */
    private Path dockDir;
    /** Scratch space for the decrypted copy of one drive at a time (as large as the drive). Empty: {@code <data-dir>/datacenter}. */
    private Path workDir;
    /** The carrier's transit: the package arrives this long after the job moved to Shipping. */
    @NotNull
    private Duration transit = Duration.ofDays(2);
    /** From the package's arrival (job Received) to the start of the copy (job Transferring). */
    @NotNull
    private Duration receiving = Duration.ofDays(1);
    /** From the end of the copy (job Packaging) to the drives' return (job Completed or Closed). */
    @NotNull
    private Duration packaging = Duration.ofDays(2);
    /** A package not here this long after shipping: its drives become NeverReceived (Azure: two weeks). */
    @NotNull
    private Duration arrivalLimit = Duration.ofDays(14);
    /** ...and this long after that the job goes from Shipping to Closed (Azure: 30 days without an answer). */
    @NotNull
    private Duration closeAfter = Duration.ofDays(30);
    /** Completed and Closed jobs are deleted this long after they ended (Azure: 90 days). */
    @NotNull
    private Duration finishedJobLifetime = Duration.ofDays(90);
    /** Drives copied at once (each a dislocker run and an upload). */
    @Min(1)
    private int copyThreads = 1;

    public Path getDockDir() { return dockDir; }
    public void setDockDir(Path dockDir) { this.dockDir = dockDir; }
    public Path getWorkDir() { return workDir; }
    public void setWorkDir(Path workDir) { this.workDir = workDir; }
    public Duration getTransit() { return transit; }
    public void setTransit(Duration transit) { this.transit = transit; }
    public Duration getReceiving() { return receiving; }
    public void setReceiving(Duration receiving) { this.receiving = receiving; }
    public Duration getPackaging() { return packaging; }
    public void setPackaging(Duration packaging) { this.packaging = packaging; }
    public Duration getArrivalLimit() { return arrivalLimit; }
    public void setArrivalLimit(Duration arrivalLimit) { this.arrivalLimit = arrivalLimit; }
    public Duration getCloseAfter() { return closeAfter; }
    public void setCloseAfter(Duration closeAfter) { this.closeAfter = closeAfter; }
    public Duration getFinishedJobLifetime() { return finishedJobLifetime; }
    public void setFinishedJobLifetime(Duration finishedJobLifetime) { this.finishedJobLifetime = finishedJobLifetime; }
    public int getCopyThreads() { return copyThreads; }
    public void setCopyThreads(int copyThreads) { this.copyThreads = copyThreads; }
  }

  /** Who may call the admin API ({@code /local-azure/*} but health): app-only ARM tokens of these clients. */
  public static class Admin {
    /** Client (application) ids; empty means Seedship's own service principal ({@code local-azure.app.client-id}). */
    private List<String> clientIds = new ArrayList<>();

    public List<String> getClientIds() { return clientIds; }
    public void setClientIds(List<String> clientIds) { this.clientIds = clientIds; }
  }

  /** Azure Backup's side of offline seeding ({@code local-azure.backup.*}): the vault's own storage and copies. */
  public static class Backup {
    /**
     * The Azurite account holding the vaults' data, owned by local-azure and absent from every subscription (a real
     * vault's storage is Microsoft's, not the customer's). 3-24 lowercase letters and digits.
     */
    @NotBlank
    @jakarta.validation.constraints.Pattern(regexp = "[a-z0-9]{3,24}")
    private String storageAccount = "localazurebackup";
    /** Seeding backups and restores copied at once. */
    @Min(1)
    private int copyThreads = 2;
    /**
     * The agent's upload speed for a backup's data (MARS's bandwidth throttling), in bytes per real second; 0 for
     * as fast as Azurite goes. A test slows it to watch a job in progress.
     */
    @Min(0)
    private long bytesPerSecond;

    /**
     * How long (virtual time) finished backup jobs and incremental recovery points are kept, as a MARS policy's
     * daily retention; the seed's full point stays. Keeps a fast clock from filling memory.
     */
    @NotNull
    private Duration retention = Duration.ofDays(180);

    public Duration getRetention() { return retention; }
    public void setRetention(Duration retention) { this.retention = retention; }
    public long getBytesPerSecond() { return bytesPerSecond; }
    public void setBytesPerSecond(long bytesPerSecond) { this.bytesPerSecond = bytesPerSecond; }
    public String getStorageAccount() { return storageAccount; }
    public void setStorageAccount(String storageAccount) { this.storageAccount = storageAccount; }
    public int getCopyThreads() { return copyThreads; }
    public void setCopyThreads(int copyThreads) { this.copyThreads = copyThreads; }
  }

  /**
   * The Seedship API as an Entra resource ({@code local-azure.seedship-api.*}): its application ID URI (the tokens'
   * {@code aud}), the app roles it defines, the local service principals that call it with their role assignments,
   * and the roles assigned to the configured user. Seedship's own service principal ({@code local-azure.app}) has
   * no role on it.
   */
  public static class SeedshipApi {
    /** The resource: client credentials ask for {@code <it>/.default}, users for {@code <it>/user_impersonation}. */
    @NotBlank
    private String appIdUri = "api://seedship";
    /** The app roles the API defines; every role assigned below must be one of them. */
    @NotEmpty
    private List<@NotBlank String> roles = new ArrayList<>();
    /** Service principals with a secret that get app-only tokens carrying their roles. */
    @Valid
    private List<ApiClient> clients = new ArrayList<>();
    /** Roles assigned to the configured user (local-azure.user), in its delegated tokens for the API. */
    private List<@NotBlank String> userRoles = new ArrayList<>();

    /**
     * Startup check: every role assigned is defined, and client ids are distinct and not Seedship's own service
     * principal's. Throws naming the client and the role (or id) at fault.
     */
    public void check(String appClientId) {
      java.util.Set<String> ids = new java.util.HashSet<>();
      for (ApiClient client : clients) {
        String name = client.getDisplayName() + " (" + client.getClientId() + ")";
        if (client.getClientId().equalsIgnoreCase(appClientId)) {
          throw new IllegalStateException("local-azure.seedship-api.clients: client " + name + " has the client id "
              + "of local-azure.app, Seedship's own service principal, which has no Seedship API role");
        }
        if (!ids.add(client.getClientId().toLowerCase(java.util.Locale.ROOT))) {
          throw new IllegalStateException("local-azure.seedship-api.clients: client id " + client.getClientId()
              + " appears twice");
        }
        for (String role : client.getRoles()) {
          if (!roles.contains(role)) {
            throw new IllegalStateException("local-azure.seedship-api.clients: client " + name + " has role '" + role
                + "', which local-azure.seedship-api.roles " + roles + " does not define");
          }
        }
      }
      for (String role : userRoles) {
        if (!roles.contains(role)) {
          throw new IllegalStateException("local-azure.seedship-api.user-roles: the user has role '" + role
              + "', which local-azure.seedship-api.roles " + roles + " does not define");
        }
      }
    }

    public String getAppIdUri() { return appIdUri; }
    public void setAppIdUri(String appIdUri) { this.appIdUri = appIdUri; }
    public List<String> getRoles() { return roles; }
    public void setRoles(List<String> roles) { this.roles = roles; }
    public List<ApiClient> getClients() { return clients; }
    public void setClients(List<ApiClient> clients) { this.clients = clients; }
    public List<String> getUserRoles() { return userRoles; }
    public void setUserRoles(List<String> userRoles) { this.userRoles = userRoles; }
  }

  /** A local service principal calling the Seedship API: a client secret (local only) and its app role assignments. */
  public static class ApiClient {
    @NotBlank
    private String clientId;
    /** Only for local tests and the local setup; never a real secret. */
    @NotBlank
    private String clientSecret;
    @NotBlank
    private String displayName;
    /** Empty: no role assignment, the token carries no roles claim. */
    @NotNull
    private List<@NotBlank String> roles = new ArrayList<>();

    public String getClientId() { return clientId; }
    public void setClientId(String clientId) { this.clientId = clientId; }
    public String getClientSecret() { return clientSecret; }
    public void setClientSecret(String clientSecret) { this.clientSecret = clientSecret; }
    public String getDisplayName() { return displayName; }
    public void setDisplayName(String displayName) { this.displayName = displayName; }
    public List<String> getRoles() { return roles; }
    public void setRoles(List<String> roles) { this.roles = roles; }
  }

  /**
   * The device authorization grant (RFC 8628) as Entra runs it ({@code local-azure.device-code.*}): how long a code
   * waits for the user, and how often a client is told to poll. Real time, like tokens: it is the user's patience.
   */
  public static class DeviceCode {
    /** Entra's: 15 minutes ({@code expires_in} 900). */
    @NotNull
    private Duration lifetime = Duration.ofMinutes(15);
    /** Entra's: 5 seconds; whole seconds, at least one (the answer's {@code interval} is an integer). */
    @NotNull
    private Duration interval = Duration.ofSeconds(5);

    public Duration getLifetime() { return lifetime; }
    public void setLifetime(Duration lifetime) { this.lifetime = lifetime; }
    public Duration getInterval() { return interval; }
    public void setInterval(Duration interval) { this.interval = interval; }
  }

  /** The client ids admin calls are accepted from. */
  public List<String> adminClientIds() {
    return admin.getClientIds().isEmpty() ? List.of(app.getClientId()) : List.copyOf(admin.getClientIds());
  }

  public Path getDataDir() { return dataDir; }
  public void setDataDir(Path dataDir) { this.dataDir = dataDir; }
  public String getHost() { return host; }
  public void setHost(String host) { this.host = host; }
  public String getTenantId() { return tenantId; }
  public void setTenantId(String tenantId) { this.tenantId = tenantId; }
  public List<String> getSubscriptions() { return subscriptions; }
  public void setSubscriptions(List<String> subscriptions) { this.subscriptions = subscriptions; }
  public User getUser() { return user; }
  public App getApp() { return app; }
  public Clock getClock() { return clock; }
  public Faults getFaults() { return faults; }
  public Azurite getAzurite() { return azurite; }
  public ImportExport getImportExport() { return importExport; }
  public Admin getAdmin() { return admin; }
  public Backup getBackup() { return backup; }
  public SeedshipApi getSeedshipApi() { return seedshipApi; }
  public DeviceCode getDeviceCode() { return deviceCode; }
}
