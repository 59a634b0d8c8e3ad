package io.seedship.runtime.observability;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.kafka.core.KafkaAdmin;

/** Kafka is healthy when the cluster answers a describe within the timeout. */
public class KafkaHealthIndicator implements HealthIndicator {

  private final KafkaAdmin admin;
  private final Duration timeout;

  public KafkaHealthIndicator(KafkaAdmin admin, Duration timeout) {
    this.admin = admin;
    this.timeout = timeout;
  }

  @Override
  public Health health() {
    try (AdminClient client = AdminClient.create(admin.getConfigurationProperties())) {
      var cluster = client.describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout.toMillis()));
      String clusterId = cluster.clusterId().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      int nodes = cluster.nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS).size();
      return Health.up().withDetail("clusterId", clusterId).withDetail("brokers", nodes).build();
    } catch (Exception e) {
      return Health.down().withDetail("bootstrapServers", admin.getConfigurationProperties().get("bootstrap.servers"))
          .withDetail("error", e.toString()).build();
    }
  }
}
