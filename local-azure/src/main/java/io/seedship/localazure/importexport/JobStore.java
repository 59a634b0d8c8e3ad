package io.seedship.localazure.importexport;

import io.seedship.localazure.arm.ResourceGroups;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Predicate;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Jobs in memory, keyed case-insensitively as ARM names are. Keys sort, so lists come in a stable order and a
 * page's skip token can simply be the last key served. Callers that check and then write hold the store's monitor
 * ({@code synchronized (store)}), which the sweep and the datacenter hold too.
 */
@Component
public class JobStore {

  private final ConcurrentSkipListMap<String, Job> jobs = new ConcurrentSkipListMap<>();

  static String key(String subscriptionId, String resourceGroup, String name) {
    return (subscriptionId + "/" + resourceGroup + "/" + name).toLowerCase(Locale.ROOT);
  }

  static String groupPrefix(String subscriptionId, String resourceGroup) {
    return (subscriptionId + "/" + resourceGroup + "/").toLowerCase(Locale.ROOT);
  }

  static String subscriptionPrefix(String subscriptionId) {
    return (subscriptionId + "/").toLowerCase(Locale.ROOT);
  }

  public Optional<Job> get(String subscriptionId, String resourceGroup, String name) {
    return Optional.ofNullable(jobs.get(key(subscriptionId, resourceGroup, name)));
  }

  public synchronized void put(Job job) {
    jobs.put(job.key(), job);
  }

  public synchronized boolean remove(Job job) {
    return jobs.remove(job.key()) != null;
  }

  /** Jobs whose key starts with {@code prefix} and comes after {@code afterKey} (null: from the start), in key order. */
  public List<Job> list(String prefix, String afterKey, Predicate<Job> filter) {
    var tail = afterKey == null ? jobs.tailMap(prefix, true) : jobs.tailMap(afterKey, false);
    return tail.entrySet().stream()
        .takeWhile(e -> e.getKey().startsWith(prefix))
        .map(java.util.Map.Entry::getValue)
        .filter(filter)
        .toList();
  }

  public List<Job> all() {
    return List.copyOf(jobs.values());
  }

  /** A deleted resource group takes its jobs with it, as in Azure. */
  @EventListener
  public synchronized void groupDeleted(ResourceGroups.Deleted event) {
    String prefix = groupPrefix(event.subscriptionId(), event.resourceGroupName());
    jobs.keySet().removeIf(key -> key.startsWith(prefix));
  }
}
