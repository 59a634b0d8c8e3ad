package io.seedship.runtime.config;

import io.seedship.contracts.Topics;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
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

  /** Where embedded databases are kept. */
  @NotBlank
  private String dataDir;

  @Valid
  private final Topics topics = new Topics();
  @Valid
  private final Retry retry = new Retry();

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

  public Topics getTopics() {
    return topics;
  }

  public Retry getRetry() {
    return retry;
  }
}
