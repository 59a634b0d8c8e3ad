package io.seedship.runtime.config;

import io.seedship.contracts.Topics;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** What every Seedship service is told at startup; bad values stop it with the property's name. */
@Validated
@ConfigurationProperties("seedship")
public class SeedshipProperties {

  /** This service's name: consumer group, CloudEvents source, metrics tag. Defaults to spring.application.name. */
  @NotBlank
  @Pattern(regexp = "[a-z][a-z0-9-]{1,62}", message = "must be lowercase letters, digits and dashes, like staging-service")
  private String serviceName;

  /** Topics this service consumes, by catalog name (io.seedship.contracts.Topics). */
  private List<String> consumes = new ArrayList<>();

  /** The workflow stage this service carries: what a failure it reports (e.g. a dead letter) is filed under. */
  private io.seedship.contracts.common.SeedStage stage = io.seedship.contracts.common.SeedStage.UNKNOWN;

  /** Where embedded databases are kept. */
  @NotBlank
  private String dataDir;

  /**
   * This replica's stable name: owner of the work it claims (resumed at once after its restart) and part of its Kafka
   * transactional ids, so two live replicas must never share it. Defaults to the host name (a pod's name in a
   * StatefulSet); give each replica its own when several run on one host.
   */
  @NotBlank
  @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._-]{0,99}", message = "must be letters, digits, '.', '_' and '-', at most 100")
  private String instanceId = defaultInstanceId();

  @Valid
  private final Topics topics = new Topics();
  @Valid
  private final Retry retry = new Retry();
  @Valid
  private final Work work = new Work();
  @Valid
  private final Retention retention = new Retention();

  public static class Topics {
    /** Partitions of each catalog topic created at startup (the dead-letter topic keeps its own). */
    @Min(1)
    @Max(1000)
    private int partitions = io.seedship.contracts.Topics.DEFAULT_PARTITIONS;
    /** Replication factor of topics created at startup: 1 for one broker, 3 in a cluster. */
    @Min(1)
    @Max(7)
    private short replicationFactor = 1;

    public int getPartitions() {
      return partitions;
    }

    public void setPartitions(int partitions) {
      this.partitions = partitions;
    }

    public short getReplicationFactor() {
      return replicationFactor;
    }

    public void setReplicationFactor(short replicationFactor) {
      this.replicationFactor = replicationFactor;
    }
  }

  public static class Retry {
    /** Deliveries of a failing record before it goes to the dead-letter topic. */
    @Min(1)
    @Max(20)
    private int maxAttempts = 3;

    public int getMaxAttempts() {
      return maxAttempts;
    }

    public void setMaxAttempts(int maxAttempts) {
      this.maxAttempts = maxAttempts;
    }
  }

  /** The runtime's durable stage work (io.seedship.runtime.work). */
  public static class Work {
    /** Units of work this instance runs at once, all kinds together. */
    @Min(1)
    @Max(256)
    private int threads = 4;
    /** How long a claim lasts without renewal; another instance takes the work over once it has run out. */
    private Duration lease = Duration.ofSeconds(30);
    /** How often idle instances look for due work (new work also wakes them at once). */
    private Duration pollInterval = Duration.ofSeconds(1);
    /** Attempts of a unit of work that keeps failing before the seed fails (SeedFailed). */
    @Min(1)
    @Max(100)
    private int maxAttempts = 5;
    /** Wait before the second attempt; doubled for each further one, up to max-backoff. */
    private Duration backoff = Duration.ofSeconds(1);
    private Duration maxBackoff = Duration.ofMinutes(5);

    @AssertTrue(message = "seedship.work.lease must be at least 3 s and max-backoff at least backoff")
    public boolean isConsistent() {
      return lease.compareTo(Duration.ofSeconds(3)) >= 0 && maxBackoff.compareTo(backoff) >= 0
          && !backoff.isNegative() && pollInterval.isPositive();
    }

    public int getThreads() {
      return threads;
    }

    public void setThreads(int threads) {
      this.threads = threads;
    }

    public Duration getLease() {
      return lease;
    }

    public void setLease(Duration lease) {
      this.lease = lease;
    }

    public Duration getPollInterval() {
      return pollInterval;
    }

    public void setPollInterval(Duration pollInterval) {
      this.pollInterval = pollInterval;
    }

    public int getMaxAttempts() {
      return maxAttempts;
    }

    public void setMaxAttempts(int maxAttempts) {
      this.maxAttempts = maxAttempts;
    }

    public Duration getBackoff() {
      return backoff;
    }

    public void setBackoff(Duration backoff) {
      this.backoff = backoff;
    }

    public Duration getMaxBackoff() {
      return maxBackoff;
    }

    public void setMaxBackoff(Duration maxBackoff) {
      this.maxBackoff = maxBackoff;
    }
  }

  /** How long the runtime keeps its bookkeeping: processed-event ids, emitted events, relayed outbox rows, ended work. */
  public static class Retention {
    /**
     * Age after which the records are pruned. A replay of events older than this is handled again, so keep it longer
     * than any replay an SRE may run (the topics' own retention is the natural bound).
     */
    private Duration age = Duration.ofDays(30);
    /** How often the pruning runs. */
    private Duration interval = Duration.ofHours(1);

    @AssertTrue(message = "seedship.retention.age and interval must be positive")
    public boolean isPositive() {
      return age.isPositive() && interval.isPositive();
    }

    public Duration getAge() {
      return age;
    }

    public void setAge(Duration age) {
      this.age = age;
    }

    public Duration getInterval() {
      return interval;
    }

    public void setInterval(Duration interval) {
      this.interval = interval;
    }
  }

  @AssertTrue(message = "every entry must be a Seedship topic name from io.seedship.contracts.Topics")
  public boolean isConsumes() {
    return consumes.stream().allMatch(name -> io.seedship.contracts.Topics.byName(name).isPresent());
  }

  public String getServiceName() {
    return serviceName;
  }

  public void setServiceName(String serviceName) {
    this.serviceName = serviceName;
  }

  public List<String> getConsumes() {
    return consumes;
  }

  public void setConsumes(List<String> consumes) {
    this.consumes = consumes;
  }

  public String getDataDir() {
    return dataDir;
  }

  public void setDataDir(String dataDir) {
    this.dataDir = dataDir;
  }

  public io.seedship.contracts.common.SeedStage getStage() {
    return stage;
  }

  public void setStage(io.seedship.contracts.common.SeedStage stage) {
    this.stage = stage;
  }

  public String getInstanceId() {
    return instanceId;
  }

  public void setInstanceId(String instanceId) {
    this.instanceId = instanceId;
  }

  public Work getWork() {
    return work;
  }

  public Retention getRetention() {
    return retention;
  }

  /** The host name, as a replica's stable default; the one place it is chosen. */
  public static String defaultInstanceId() {
    try {
      return java.net.InetAddress.getLocalHost().getHostName();
    } catch (java.net.UnknownHostException e) {
      return "localhost";
    }
  }

  public Topics getTopics() {
    return topics;
  }

  public Retry getRetry() {
    return retry;
  }
}
