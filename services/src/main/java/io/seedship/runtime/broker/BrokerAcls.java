package io.seedship.runtime.broker;

import static io.seedship.contracts.Topics.CERT_EVENTS;
import static io.seedship.contracts.Topics.COMMANDS;
import static io.seedship.contracts.Topics.DEAD_LETTERS;
import static io.seedship.contracts.Topics.DISKPREP_EVENTS;
import static io.seedship.contracts.Topics.IMPORTJOB_EVENTS;
import static io.seedship.contracts.Topics.REPLAY;
import static io.seedship.contracts.Topics.SEED_OUTCOMES;
import static io.seedship.contracts.Topics.SEED_STATUS;
import static io.seedship.contracts.Topics.SHIPPING_EVENTS;
import static io.seedship.contracts.Topics.STAGING_EVENTS;
import static io.seedship.contracts.Topics.VAULT_EVENTS;

import io.seedship.contracts.Topic;
import io.seedship.contracts.Topics;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * Who may do what on the broker: one table, applied as Kafka ACLs (the broker runs
 * {@code org.apache.kafka.metadata.authorizer.StandardAuthorizer} with {@code allow.everyone.if.no.acl.found=false},
 * and {@code broker} and {@code admin} as super users). Each service principal (its certificate's CN is its name)
 * may:
 * <ul>
 *   <li>READ the topics it consumes ({@code seedship.consumes} of its {@code <service>.yml}), in its consumer group
 *       (READ on the group: the name of the service, diskprep-service's groups {@code diskprep-service-<machine>});
 *   <li>WRITE the topics it publishes to: its own events topic, {@code seedship.commands} for the services whose API
 *       sends commands, and for every service {@code seedship.seed.status} (a status beside each event),
 *       {@code seedship.seed.outcomes} (a seed that fails in its stage) and {@code seedship.deadletter};
 *   <li>use its transactional ids (WRITE and DESCRIBE, prefix {@code <service>-}: the runtime's
 *       {@code transaction-id-prefix} is {@code <service>-<instance>-}). Transactional producers need no
 *       IDEMPOTENT_WRITE on the cluster since Kafka 3.0, so none is granted;
 *   <li>DESCRIBE every topic of the catalog: every service declares all of them ({@code KafkaAdmin.NewTopics}) and
 *       KafkaAdmin describes them at startup to see they exist (READ and WRITE imply DESCRIBE for the others).
 * </ul>
 * The health check (describeCluster) needs no ACL. The {@code subscriber} principal, an outside system, may READ the
 * public topics {@code seedship.seed.outcomes} and {@code seedship.seed.status} in consumer groups named
 * {@code subscriber*}, and nothing else. The {@code sre} principal (the {@code seedship} command's SRE tools) may READ
 * every topic, DESCRIBE the services' consumer groups (their offsets and lag), and WRITE {@code seedship.replay} only:
 * it re-delivers records to one service's group there, and cannot put a record on a topic a service owns.
 */
public final class BrokerAcls {

  /**
   * What one principal may do. {@code groupPrefixed}: its group name is a prefix (several groups);
   * {@code describesServiceGroups}: it may see the services' consumer groups and their offsets.
   */
  public record Access(String principal, List<Topic> reads, List<Topic> writes, String group, boolean groupPrefixed,
                       String transactionalIdPrefix, boolean describesServiceGroups) {

    public Access {
      reads = List.copyOf(reads);
      writes = List.copyOf(writes);
    }

    public boolean mayRead(Topic topic) {
      return reads.contains(topic);
    }

    public boolean mayWrite(Topic topic) {
      return writes.contains(topic);
    }
  }

  /** Topics every service writes: the status beside each event, a failed seed's outcome, dead letters. */
  public static final List<Topic> EVERY_SERVICE_WRITES = List.of(SEED_STATUS, SEED_OUTCOMES, DEAD_LETTERS);

  public static final List<Access> SERVICES = List.of(
      service("cert-service", List.of(STAGING_EVENTS), List.of(CERT_EVENTS), false),
      service("staging-service", List.of(COMMANDS, CERT_EVENTS), List.of(STAGING_EVENTS, COMMANDS), false),
      service("diskprep-service", List.of(COMMANDS, STAGING_EVENTS), List.of(DISKPREP_EVENTS, COMMANDS), true),
      service("shipping-service", List.of(COMMANDS, DISKPREP_EVENTS), List.of(SHIPPING_EVENTS, COMMANDS), false),
      service("importmonitor-service", List.of(DISKPREP_EVENTS), List.of(IMPORTJOB_EVENTS), false),
      service("vault-service", List.of(STAGING_EVENTS, IMPORTJOB_EVENTS, SEED_STATUS), List.of(VAULT_EVENTS), false));

  /** An outside system: the public topics, read only, in groups {@code subscriber*}. */
  public static final Access SUBSCRIBER = new Access(BrokerCredentials.SUBSCRIBER, List.of(SEED_OUTCOMES, SEED_STATUS),
      List.of(), BrokerCredentials.SUBSCRIBER, true, null, false);

  /** The SRE tools: every topic read (without a group, or in groups {@code sre*}), replays written, groups seen. */
  public static final Access SRE = new Access(BrokerCredentials.SRE, Topics.ALL, List.of(REPLAY), BrokerCredentials.SRE,
      true, null, true);

  /** Every principal with a row in the table. */
  public static final List<Access> ALL = Stream.concat(SERVICES.stream(), Stream.of(SUBSCRIBER, SRE)).toList();

  private BrokerAcls() {
  }

  private static Access service(String name, List<Topic> consumes, List<Topic> writes, boolean groupPrefixed) {
    Set<Topic> all = new LinkedHashSet<>(writes);
    all.addAll(EVERY_SERVICE_WRITES);
    List<Topic> reads = new ArrayList<>(consumes);
    reads.add(REPLAY);
    return new Access(name, reads, new ArrayList<>(all), groupPrefixed ? name + "-" : name, groupPrefixed,
        name + "-", false);
  }

  public static Access of(String principal) {
    return ALL.stream().filter(a -> a.principal().equals(principal)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no access for principal " + principal));
  }

  /** The table as Kafka ACL bindings (all ALLOW, from any host). */
  public static List<AclBinding> bindings() {
    Set<AclBinding> bindings = new LinkedHashSet<>();
    for (Access access : ALL) {
      String user = "User:" + access.principal();
      for (Topic topic : access.reads()) {
        bindings.add(allow(user, ResourceType.TOPIC, topic.name(), PatternType.LITERAL, AclOperation.READ));
        bindings.add(allow(user, ResourceType.TOPIC, topic.name(), PatternType.LITERAL, AclOperation.DESCRIBE));
      }
      for (Topic topic : access.writes()) {
        bindings.add(allow(user, ResourceType.TOPIC, topic.name(), PatternType.LITERAL, AclOperation.WRITE));
      }
      bindings.add(allow(user, ResourceType.GROUP, access.group(),
          access.groupPrefixed() ? PatternType.PREFIXED : PatternType.LITERAL, AclOperation.READ));
      if (access.describesServiceGroups()) {
        for (Access service : SERVICES) {
          bindings.add(allow(user, ResourceType.GROUP, service.group(),
              service.groupPrefixed() ? PatternType.PREFIXED : PatternType.LITERAL, AclOperation.DESCRIBE));
        }
      }
      if (access.transactionalIdPrefix() != null) {
        for (AclOperation operation : List.of(AclOperation.WRITE, AclOperation.DESCRIBE)) {
          bindings.add(allow(user, ResourceType.TRANSACTIONAL_ID, access.transactionalIdPrefix(), PatternType.PREFIXED,
              operation));
        }
        // KafkaAdmin (every service declares the whole catalog) describes each topic at startup
        for (Topic topic : Topics.ALL) {
          if (!access.reads().contains(topic) && !access.writes().contains(topic)) {
            bindings.add(allow(user, ResourceType.TOPIC, topic.name(), PatternType.LITERAL, AclOperation.DESCRIBE));
          }
        }
      }
    }
    return List.copyOf(bindings);
  }

  /**
   * Makes the broker's ACLs exactly the table's: creates the missing bindings and deletes any other (a row taken out
   * of the table takes its rights away on the next start). {@code admin} must be a super user.
   */
  public static void apply(Admin admin) {
    try {
      List<AclBinding> wanted = bindings();
      Set<AclBinding> existing = new HashSet<>(admin.describeAcls(AclBindingFilter.ANY).values()
          .get(30, TimeUnit.SECONDS));
      List<AclBindingFilter> stale = existing.stream().filter(b -> !wanted.contains(b)).map(AclBinding::toFilter)
          .toList();
      if (!stale.isEmpty()) {
        admin.deleteAcls(stale).all().get(30, TimeUnit.SECONDS);
      }
      List<AclBinding> missing = wanted.stream().filter(b -> !existing.contains(b)).toList();
      if (!missing.isEmpty()) {
        admin.createAcls(missing).all().get(30, TimeUnit.SECONDS);
      }
      // the controller has committed them; the broker's authorizer applies them a moment later. Its describeAcls
      // answers from that authorizer: once it shows the table, a client started now is judged by the table
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (!new HashSet<>(admin.describeAcls(AclBindingFilter.ANY).values().get(30, TimeUnit.SECONDS))
          .equals(new HashSet<>(wanted))) {
        if (System.nanoTime() > end) {
          throw new TimeoutException("the broker did not show the table's ACLs within 30 s");
        }
        Thread.sleep(50);
      }
    } catch (ExecutionException e) {
      throw new IllegalStateException("the broker's ACLs could not be applied: " + e.getCause(), e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException("the broker's ACLs could not be applied within 30 s: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted applying the broker's ACLs", e);
    }
  }

  private static AclBinding allow(String principal, ResourceType type, String name, PatternType pattern,
                                  AclOperation operation) {
    return new AclBinding(new ResourcePattern(type, name, pattern),
        new AccessControlEntry(principal, "*", operation, AclPermissionType.ALLOW));
  }
}
