package io.seedship.cli.offsets;

import io.seedship.cli.failure.Exit;
import io.seedship.cli.kafka.Broker;
import io.seedship.cli.session.Session;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code seedship offsets}: each service's consumer group, its state and members, and per topic how far it has
 * committed and how many records it has still to handle (lag). The groups are those the identity may see (the SRE's:
 * every service's).
 */
@Command(name = "offsets", description = "Consumer groups of the services: committed offsets and lag per topic (SRE).")
public final class OffsetsCommand implements Callable<Integer> {

  @ParentCommand
  Session cli;

  @Option(names = "--group", description = "only this group (repeatable)")
  List<String> only = new ArrayList<>();

  @Option(names = "--partitions", description = "a row per partition rather than per topic")
  boolean partitions;

  @Override
  public Integer call() {
    Broker broker = new Broker(cli.config().kafka());
    List<Map<String, Object>> rows = new ArrayList<>();
    try (Admin admin = broker.admin()) {
      List<String> groups = new ArrayList<>();
      for (GroupListing g : admin.listGroups(ListGroupsOptions.forConsumerGroups()).all().get(30, TimeUnit.SECONDS)) {
        if (only.isEmpty() || only.contains(g.groupId())) {
          groups.add(g.groupId());
        }
      }
      groups.sort(String::compareTo);
      Map<String, ConsumerGroupDescription> described = groups.isEmpty() ? Map.of()
          : admin.describeConsumerGroups(groups).all().get(30, TimeUnit.SECONDS);
      for (String group : groups) {
        ConsumerGroupDescription d = described.get(group);
        Map<String, long[]> byTopic = new TreeMap<>();
        for (Map.Entry<TopicPartition, long[]> e : broker.lag(admin, group).entrySet()) {
          String key = partitions ? e.getKey().topic() + "-" + e.getKey().partition() : e.getKey().topic();
          byTopic.merge(key, e.getValue().clone(), (a, b) -> new long[] {a[0] + b[0], a[1] + b[1], a[2] + b[2]});
        }
        for (Map.Entry<String, long[]> e : byTopic.entrySet()) {
          Map<String, Object> row = new LinkedHashMap<>();
          row.put("group", group);
          row.put("state", d == null ? null : d.groupState().toString());
          row.put("members", d == null ? null : d.members().size());
          row.put(partitions ? "partition" : "topic", e.getKey());
          row.put("committed", e.getValue()[0]);
          row.put("end", e.getValue()[1]);
          row.put("lag", e.getValue()[2]);
          rows.add(row);
        }
      }
    } catch (KafkaException | ExecutionException | TimeoutException e) {
      throw broker.failure("read the consumer groups", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Exit.FAILED;
    }
    if (rows.isEmpty()) {
      cli.output().note("no consumer group this identity may see has committed anything"
          + (only.isEmpty() ? "" : " (--group " + String.join(", ", only) + ")"));
    }
    cli.output().rows(rows, List.of("group", "state", "members", partitions ? "partition" : "topic", "committed",
        "end", "lag"));
    return Exit.OK;
  }
}
