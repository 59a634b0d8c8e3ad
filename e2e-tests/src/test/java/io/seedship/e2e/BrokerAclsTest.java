package io.seedship.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.seedship.contracts.Topic;
import io.seedship.contracts.Topics;
import io.seedship.runtime.broker.BrokerAcls;
import io.seedship.runtime.broker.BrokerCredentials;
import io.seedship.runtime.config.SeedshipEnvironmentPostProcessor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.yaml.snakeyaml.Yaml;

/**
 * The broker's ACL policy ({@link BrokerAcls}) is the code's: each service may READ exactly the topics it consumes
 * (its {@code seedship.consumes}, which the runtime checks against its handlers at startup; checked here too from the
 * handlers' sources), in its consumer group, and WRITE every topic whose events its code builds; its transactional
 * ids are the runtime's prefix. The subscriber reads the two public topics and nothing else.
 */
class BrokerAclsTest {

  static final Path REPOSITORY = Path.of(System.getProperty("user.dir")).toAbsolutePath().getParent();
  static final Map<String, Class<? extends SpecificRecord>> MESSAGE_TYPES = Topics.messageTypes().stream()
      .collect(Collectors.toMap(Class::getSimpleName, t -> t));

  @Test
  void everyServiceHasARowAndOnlyServicesTheSubscriberAndTheSreDo() {
    assertThat(BrokerAcls.SERVICES.stream().map(BrokerAcls.Access::principal))
        .containsExactlyElementsOf(LocalSeedship.SERVICES.keySet());
    assertThat(BrokerCredentials.catalogPrincipals()).containsExactlyInAnyOrder(Stream.concat(
        Stream.of("admin", "subscriber", "sre"), LocalSeedship.SERVICES.keySet().stream()).toArray(String[]::new));
  }

  @Test
  void aServiceReadsExactlyWhatItConsumesInItsOwnGroup() throws IOException {
    for (BrokerAcls.Access access : BrokerAcls.SERVICES) {
      Map<String, Object> yml = yml(access.principal());
      @SuppressWarnings("unchecked")
      List<String> consumes = (List<String>) ((Map<String, Object>) yml.get("seedship")).get("consumes");
      List<String> consumesAndReplays = new java.util.ArrayList<>(consumes);
      consumesAndReplays.add(Topics.REPLAY.name());
      assertThat(names(access.reads())).as(access.principal())
          .containsExactlyInAnyOrderElementsOf(consumesAndReplays);
      // the group: the runtime's default (the service's name) or the one its yml sets
      String group = String.valueOf(path(yml, "spring", "cloud", "stream", "bindings", "seedshipConsumer-in-0",
          "group") == null ? access.principal()
          : path(yml, "spring", "cloud", "stream", "bindings", "seedshipConsumer-in-0", "group"));
      if (access.groupPrefixed()) {
        assertThat(group).as(access.principal()).startsWith(access.group()).isNotEqualTo(access.group());
      } else {
        assertThat(group).as(access.principal()).isEqualTo(access.group());
      }
      // and every type its handlers take is on a topic it reads
      for (Class<? extends SpecificRecord> type : handled(access.principal())) {
        assertThat(access.reads()).as(access.principal() + " handles " + type.getSimpleName())
            .contains(Topics.topicOf(type));
      }
    }
  }

  @Test
  void aServiceWritesTheTopicsOfWhatItBuildsAndNothingMore() throws IOException {
    for (BrokerAcls.Access access : BrokerAcls.SERVICES) {
      Set<Topic> built = new LinkedHashSet<>();
      for (Class<? extends SpecificRecord> type : built(access.principal())) {
        built.add(Topics.topicOf(type));
      }
      assertThat(built).as(access.principal()).isNotEmpty();
      assertThat(access.writes()).as(access.principal()).containsAll(built)
          .containsAll(BrokerAcls.EVERY_SERVICE_WRITES);
      Set<Topic> expected = new LinkedHashSet<>(built);
      expected.addAll(BrokerAcls.EVERY_SERVICE_WRITES);
      assertThat(access.writes()).as(access.principal() + ": a topic written without a reason")
          .containsExactlyInAnyOrderElementsOf(expected);
    }
  }

  @Test
  void aServicesTransactionalIdsStartWithItsPrefix() {
    for (BrokerAcls.Access access : BrokerAcls.SERVICES) {
      StandardEnvironment env = new StandardEnvironment();
      env.getPropertySources().addFirst(new MapPropertySource("test", Map.of(
          "spring.application.name", access.principal(), "seedship.instance-id", "host-1")));
      new SeedshipEnvironmentPostProcessor().postProcessEnvironment(env, null);
      assertThat(env.getProperty("spring.cloud.stream.kafka.binder.transaction.transaction-id-prefix"))
          .as(access.principal()).isEqualTo(access.principal() + "-host-1-")
          .startsWith(access.transactionalIdPrefix());
    }
  }

  @Test
  void theSubscriberReadsThePublicTopicsAndNothingElse() {
    assertThat(BrokerAcls.SUBSCRIBER.reads()).containsExactlyInAnyOrder(Topics.SEED_OUTCOMES, Topics.SEED_STATUS);
    assertThat(BrokerAcls.SUBSCRIBER.writes()).isEmpty();
    List<AclBinding> subscriber = BrokerAcls.bindings().stream()
        .filter(b -> b.entry().principal().equals("User:subscriber")).toList();
    assertThat(subscriber).allSatisfy(b -> assertThat(b.entry().operation())
        .isIn(AclOperation.READ, AclOperation.DESCRIBE));
    assertThat(subscriber.stream().filter(b -> b.pattern().resourceType() == ResourceType.TOPIC)
        .map(b -> b.pattern().name()).distinct())
        .containsExactlyInAnyOrder(Topics.SEED_OUTCOMES.name(), Topics.SEED_STATUS.name());
    assertThat(subscriber.stream().filter(b -> b.pattern().resourceType() == ResourceType.GROUP))
        .singleElement().satisfies(b -> {
          assertThat(b.pattern().name()).isEqualTo("subscriber");
          assertThat(b.pattern().patternType()).isEqualTo(PatternType.PREFIXED);
        });
    assertThat(subscriber).noneMatch(b -> b.pattern().resourceType() == ResourceType.CLUSTER
        || b.pattern().resourceType() == ResourceType.TRANSACTIONAL_ID);
  }

  @Test
  void theSreReadsEverythingAndWritesOnlyReplays() {
    assertThat(BrokerAcls.SRE.reads()).containsExactlyInAnyOrderElementsOf(Topics.ALL);
    assertThat(BrokerAcls.SRE.writes()).containsExactly(Topics.REPLAY);
    List<AclBinding> sre = BrokerAcls.bindings().stream()
        .filter(b -> b.entry().principal().equals("User:sre")).toList();
    assertThat(sre.stream().filter(b -> b.entry().operation() == AclOperation.WRITE).map(b -> b.pattern().name()))
        .containsExactly(Topics.REPLAY.name());
    // it sees each service's group, READs only its own (sre*), and has no transactional id
    assertThat(sre.stream().filter(b -> b.pattern().resourceType() == ResourceType.GROUP
            && b.entry().operation() == AclOperation.DESCRIBE).map(b -> b.pattern().name()))
        .containsExactlyInAnyOrderElementsOf(BrokerAcls.SERVICES.stream().map(BrokerAcls.Access::group).toList());
    assertThat(sre.stream().filter(b -> b.pattern().resourceType() == ResourceType.GROUP
            && b.entry().operation() == AclOperation.READ).map(b -> b.pattern().name())).containsExactly("sre");
    assertThat(sre).noneMatch(b -> b.pattern().resourceType() == ResourceType.CLUSTER
        || b.pattern().resourceType() == ResourceType.TRANSACTIONAL_ID);
  }

  @Test
  void noServiceGetsAnythingOnTheClusterOrALiteralWildcard() {
    assertThat(BrokerAcls.bindings()).noneMatch(b -> b.pattern().resourceType() == ResourceType.CLUSTER)
        .noneMatch(b -> b.pattern().name().equals("*"))
        .noneMatch(b -> b.entry().principal().equals("User:*"))
        .allSatisfy(b -> assertThat(b.entry().operation())
            .isIn(AclOperation.READ, AclOperation.WRITE, AclOperation.DESCRIBE));
  }

  private static List<String> names(List<Topic> topics) {
    return topics.stream().map(Topic::name).toList();
  }

  @SuppressWarnings("unchecked")
  private static Object path(Map<String, Object> map, String... keys) {
    Object at = map;
    for (String key : keys) {
      if (!(at instanceof Map<?, ?> m)) {
        return null;
      }
      at = ((Map<String, Object>) m).get(key);
    }
    return at;
  }

  private static Map<String, Object> yml(String service) throws IOException {
    try (InputStream in = BrokerAclsTest.class.getClassLoader().getResourceAsStream(service + ".yml")) {
      assertThat(in).as(service + ".yml on the class path").isNotNull();
      return new Yaml().load(in);
    }
  }

  /** The types of the service's handlers: {@code implements SeedHandler<X>} and {@code SeedHandler.of(X.class}. */
  private static Set<Class<? extends SpecificRecord>> handled(String service) throws IOException {
    return types(service, Pattern.compile("SeedHandler<(\\w+)>|SeedHandler\\.of\\((\\w+)\\.class"));
  }

  /** The message types the service's code builds ({@code X.newBuilder(}): what it emits or sends. */
  private static Set<Class<? extends SpecificRecord>> built(String service) throws IOException {
    return types(service, Pattern.compile("\\b(\\w+)\\.newBuilder\\("));
  }

  private static Set<Class<? extends SpecificRecord>> types(String service, Pattern pattern) throws IOException {
    Set<Class<? extends SpecificRecord>> types = new LinkedHashSet<>();
    Path sources = REPOSITORY.resolve(service).resolve("src/main/java");
    assertThat(sources).isDirectory();
    try (Stream<Path> files = Files.walk(sources)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        Matcher m = pattern.matcher(Files.readString(file));
        while (m.find()) {
          String name = m.group(1) != null ? m.group(1) : m.groupCount() > 1 ? m.group(2) : null;
          if (name != null && MESSAGE_TYPES.containsKey(name)) {
            types.add(MESSAGE_TYPES.get(name));
          }
        }
      }
    }
    return types;
  }
}
