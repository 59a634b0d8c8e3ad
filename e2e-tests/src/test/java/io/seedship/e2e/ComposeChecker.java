package io.seedship.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.seedship.runtime.broker.SingleBroker;
import java.beans.IntrospectionException;
import java.beans.Introspector;
import java.beans.PropertyDescriptor;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertyState;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Checks, without a Docker engine, that {@code docker-compose.yml} describes the system the repository builds: every
 * service module is a compose service; every build's Dockerfile exists and copies only files that exist or the
 * module's own built jar; every environment variable of a Seedship service names, by Spring Boot's relaxed binding
 * (SEEDSHIP_AZURE_CLIENT_ID is {@code seedship.azure.client-id}), a configuration property the service has, and its
 * value binds; the broker is configured as {@link SingleBroker} says (TLS on every listener) and the services reach
 * one of its advertised listeners, each as itself (its own identity mounted and imported); each service has its own PostgreSQL database, created by the init script; the disk-prep agent has its
 * devices and the staging location; every image is pinned.
 *
 * <p>A service's configuration properties are: the {@code @ConfigurationProperties} classes of the runtime
 * ({@code io.seedship.runtime}) and of the service's own package, walked through their bean properties and record
 * components, nested ones included; the keys of the service's own {@code <service>.yml}; and, for {@code SPRING_*},
 * {@code SERVER_*} and {@code MANAGEMENT_*} variables, the properties Spring Boot and the libraries on the service's
 * classpath declare in their {@code META-INF/spring-configuration-metadata.json} (the configuration metadata IDEs
 * complete from).
 */
final class ComposeChecker {

  /** Environment variables that are not Spring properties and that a JVM container legitimately reads. */
  static final Map<String, String> NON_PROPERTY_VARIABLES = Map.of(
      "JAVA_TOOL_OPTIONS", "read by the JVM itself (heap and GC options)");

  private static final Pattern JDBC_POSTGRES = Pattern.compile("jdbc:postgresql://([^:/]+)(?::(\\d+))?/([A-Za-z0-9_]+).*");
  private static final Pattern CREATE_DATABASE = Pattern.compile("(?i)create\\s+database\\s+\"?([A-Za-z0-9_]+)\"?");
  private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::?-([^}]*))?}|\\$([A-Za-z_][A-Za-z0-9_]*)");

  private final Path repository;
  private final Map<String, Class<?>> applications;
  private final Map<String, PropertyCatalog> catalogs = new LinkedHashMap<>();
  private PropertyCatalog springMetadata;

  /**
   * @param repository   the repository's root (its pom.xml lists the modules)
   * @param applications every Seedship service by module name, with its Spring Boot application class
   */
  ComposeChecker(Path repository, Map<String, Class<?>> applications) {
    this.repository = repository;
    this.applications = applications;
  }

  /** Every problem of the compose file; empty when it is honest. */
  List<String> check(Path composeFile) {
    Map<String, Object> compose = load(composeFile);
    Map<String, Map<String, Object>> services = services(compose);
    List<String> problems = new ArrayList<>();
    problems.addAll(checkModules(services));
    problems.addAll(checkImages(services, composeFile.getParent()));
    problems.addAll(checkBuilds(services, composeFile.getParent()));
    problems.addAll(checkKafka(services));
    problems.addAll(checkDatabases(services, composeFile.getParent()));
    problems.addAll(checkDiskprep(services));
    for (var entry : services.entrySet()) {
      if (applications.containsKey(entry.getKey())) {
        problems.addAll(checkEnvironment(entry.getKey(), environment(entry.getValue())));
      }
    }
    return problems;
  }

  // ---- the modules --------------------------------------------------------------------------------------------

  /** The repository's service modules: its modules that are repackaged Spring Boot applications on the runtime. */
  List<String> serviceModules() {
    List<String> modules = new ArrayList<>();
    for (String module : modules()) {
      String pom = read(repository.resolve(module).resolve("pom.xml"));
      if (pom.contains("<artifactId>spring-boot-maven-plugin</artifactId>")
          && Pattern.compile("<groupId>io\\.seedship</groupId>\\s*<artifactId>services</artifactId>\\s*</dependency>")
          .matcher(pom).find()) {
        modules.add(module);
      }
    }
    return modules;
  }

  List<String> checkModules(Map<String, Map<String, Object>> services) {
    List<String> problems = new ArrayList<>();
    for (String module : serviceModules()) {
      if (!services.containsKey(module)) {
        problems.add("service module " + module + " is not a service of the compose file");
      }
      if (!applications.containsKey(module)) {
        problems.add("service module " + module + " has no application class known to the check");
      }
    }
    return problems;
  }

  // ---- images and builds --------------------------------------------------------------------------------------

  static String imageProblem(String where, String image) {
    if (image == null || image.isBlank()) {
      return where + ": no image";
    }
    if (image.contains("@sha256:")) {
      return null;
    }
    int slash = image.lastIndexOf('/');
    int colon = image.lastIndexOf(':');
    if (colon < 0 || colon < slash) {
      return where + ": image " + image + " is not pinned (no tag: it means latest)";
    }
    String tag = image.substring(colon + 1);
    if (tag.equalsIgnoreCase("latest") || tag.contains("$")) {
      return where + ": image " + image + " is not pinned (tag " + tag + ")";
    }
    return null;
  }

  List<String> checkImages(Map<String, Map<String, Object>> services, Path composeDir) {
    List<String> problems = new ArrayList<>();
    for (var entry : services.entrySet()) {
      Object image = entry.getValue().get("image");
      if (image == null && entry.getValue().get("build") != null) {
        continue; // built here; the Dockerfile's FROM lines are checked with the build
      }
      if (image != null && image.toString().startsWith("seedship/") && entry.getValue().get("build") == null) {
        // a Seedship image reused (the broker's setup runs in one): built by another service here, never pulled
        boolean built = services.values().stream()
            .anyMatch(s -> s.get("build") != null && image.equals(s.get("image")));
        if (!built || !"never".equals(entry.getValue().get("pull_policy"))) {
          problems.add("service " + entry.getKey() + ": image " + image + " is not built by a service of this file"
              + " with pull_policy never (no registry has it)");
        }
        continue;
      }
      String problem = imageProblem("service " + entry.getKey(), image == null ? null : image.toString());
      if (problem != null) {
        problems.add(problem);
      }
    }
    return problems;
  }

  List<String> checkBuilds(Map<String, Map<String, Object>> services, Path composeDir) {
    List<String> problems = new ArrayList<>();
    for (var entry : services.entrySet()) {
      Object build = entry.getValue().get("build");
      if (build == null) {
        continue;
      }
      String service = entry.getKey();
      Map<String, Object> spec = build instanceof Map<?, ?> m ? stringKeys(m) : Map.of("context", build.toString());
      Path context = composeDir.resolve(String.valueOf(spec.getOrDefault("context", "."))).normalize();
      Path dockerfile = context.resolve(String.valueOf(spec.getOrDefault("dockerfile", "Dockerfile"))).normalize();
      if (!Files.isRegularFile(dockerfile)) {
        problems.add("service " + service + ": Dockerfile " + dockerfile + " does not exist");
        continue;
      }
      Map<String, String> args = new LinkedHashMap<>();
      Object given = spec.get("args");
      if (given instanceof Map<?, ?> m) {
        m.forEach((k, v) -> args.put(String.valueOf(k), v == null ? null : String.valueOf(v)));
      } else if (given instanceof List<?> list) {
        list.forEach(item -> {
          String[] kv = String.valueOf(item).split("=", 2);
          args.put(kv[0], kv.length > 1 ? kv[1] : null);
        });
      }
      problems.addAll(checkDockerfile(service, context, dockerfile, args));
    }
    return problems;
  }

  /** The FROM images are pinned; every COPY/ADD source exists in the context or is the service's built jar. */
  List<String> checkDockerfile(String service, Path context, Path dockerfile, Map<String, String> buildArgs) {
    List<String> problems = new ArrayList<>();
    Map<String, String> args = new LinkedHashMap<>();
    Set<String> stages = new LinkedHashSet<>();
    String where = "service " + service + " (" + repository.relativize(dockerfile.toAbsolutePath()) + ")";
    boolean copiedArtifact = false;
    for (String line : instructions(read(dockerfile))) {
      String[] words = line.trim().split("\\s+");
      String instruction = words[0].toUpperCase(Locale.ROOT);
      switch (instruction) {
        case "ARG" -> {
          for (int i = 1; i < words.length; i++) {
            String[] kv = words[i].split("=", 2);
            args.put(kv[0], buildArgs.containsKey(kv[0]) ? buildArgs.get(kv[0]) : kv.length > 1 ? kv[1] : null);
          }
        }
        case "FROM" -> {
          List<String> rest = new ArrayList<>();
          for (int i = 1; i < words.length; i++) {
            if (!words[i].startsWith("--")) {
              rest.add(words[i]);
            }
          }
          String image = substitute(rest.get(0), args);
          if (!stages.contains(image) && !image.equals("scratch")) {
            String problem = imageProblem(where + " FROM", image);
            if (problem != null) {
              problems.add(problem);
            }
          }
          if (rest.size() >= 3 && rest.get(1).equalsIgnoreCase("AS")) {
            stages.add(rest.get(2));
          }
        }
        case "COPY", "ADD" -> {
          List<String> operands = new ArrayList<>();
          boolean fromStage = false;
          String body = line.trim().substring(words[0].length()).trim();
          while (body.startsWith("--")) {
            String flag = body.split("\\s+", 2)[0];
            fromStage |= flag.startsWith("--from=");
            body = body.substring(flag.length()).trim();
          }
          if (body.startsWith("[")) {
            for (Matcher m = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(body); m.find(); ) {
              operands.add(m.group(1));
            }
          } else {
            operands.addAll(List.of(body.split("\\s+")));
          }
          if (fromStage || operands.size() < 2) {
            continue;
          }
          for (String source : operands.subList(0, operands.size() - 1)) {
            String resolved = substitute(source, args);
            if (resolved.contains("$")) {
              problems.add(where + ": COPY source " + source + " has an unset build argument (" + resolved + ")");
            } else if (resolved.startsWith("http://") || resolved.startsWith("https://")) {
              problems.add(where + ": ADD from a URL (" + resolved + "): the build must not download");
            } else if (isBuiltJar(service, resolved)) {
              copiedArtifact = true;
            } else if (builtJarOfAnotherModule(resolved) != null) {
              problems.add(where + ": copies " + resolved + ", the jar of " + builtJarOfAnotherModule(resolved)
                  + ", not of " + service);
            } else if (!exists(context, resolved)) {
              problems.add(where + ": COPY source " + resolved + " does not exist in the build context " + context
                  + " and is not " + service + "'s built jar (" + builtJar(service) + ")");
            }
          }
        }
        default -> {
        }
      }
    }
    if (applications.containsKey(service) && !copiedArtifact) {
      problems.add(where + ": does not copy " + service + "'s built jar " + builtJar(service));
    }
    return problems;
  }

  private static boolean exists(Path context, String source) {
    if (source.contains("*") || source.contains("?")) {
      Path dir = context.resolve(source).getParent();
      return dir != null && Files.isDirectory(dir);
    }
    return Files.exists(context.resolve(source));
  }

  /** The path, from the repository's root, of the module's repackaged jar: target/artifact-version-exec.jar. */
  String builtJar(String module) {
    String pom = read(repository.resolve(module).resolve("pom.xml"));
    Matcher artifact = Pattern.compile("</parent>.*?<artifactId>([^<]+)</artifactId>", Pattern.DOTALL).matcher(pom);
    if (!artifact.find()) {
      throw new IllegalStateException("no artifactId in " + module + "/pom.xml");
    }
    String root = read(repository.resolve("pom.xml"));
    Matcher version = Pattern.compile("<artifactId>seedship</artifactId>\\s*<version>([^<]+)</version>").matcher(root);
    if (!version.find()) {
      throw new IllegalStateException("no version in the root pom.xml");
    }
    // the parent's spring-boot-maven-plugin configuration repackages with the classifier exec
    String classifier = root.contains("<classifier>exec</classifier>") ? "-exec" : "";
    return module + "/target/" + artifact.group(1) + "-" + version.group(1) + classifier + ".jar";
  }

  private boolean isBuiltJar(String service, String source) {
    return modules().contains(service) && Path.of(source).normalize().toString().equals(builtJar(service));
  }

  private String builtJarOfAnotherModule(String source) {
    for (String module : modules()) {
      if (Files.isRegularFile(repository.resolve(module).resolve("pom.xml"))
          && read(repository.resolve(module).resolve("pom.xml")).contains("spring-boot-maven-plugin")
          && Path.of(source).normalize().toString().equals(builtJar(module))) {
        return module;
      }
    }
    return null;
  }

  /** Dockerfile instructions, continuation lines joined, comments dropped. */
  static List<String> instructions(String dockerfile) {
    List<String> out = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String raw : dockerfile.split("\n")) {
      String line = raw.strip();
      if (line.startsWith("#") || (line.isEmpty() && current.isEmpty())) {
        continue;
      }
      if (line.endsWith("\\")) {
        current.append(line, 0, line.length() - 1).append(' ');
      } else {
        current.append(line);
        if (!current.toString().isBlank()) {
          out.add(current.toString());
        }
        current.setLength(0);
      }
    }
    return out;
  }

  static String substitute(String text, Map<String, String> values) {
    Matcher m = VARIABLE.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String name = m.group(1) != null ? m.group(1) : m.group(3);
      String value = values.get(name);
      if (value == null && m.group(2) != null) {
        value = m.group(2);
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value == null ? m.group() : value));
    }
    m.appendTail(out);
    return out.toString();
  }

  // ---- Kafka --------------------------------------------------------------------------------------------------

  List<String> checkKafka(Map<String, Map<String, Object>> services) {
    List<String> problems = new ArrayList<>();
    String kafkaService = null;
    for (var entry : services.entrySet()) {
      Object image = entry.getValue().get("image");
      if (image != null && image.toString().matches("(.*/)?kafka(:.*)?|.*/kafka:.*|apache/kafka.*")) {
        kafkaService = entry.getKey();
      }
    }
    if (kafkaService == null) {
      return List.of("no Kafka broker among the services");
    }
    Map<String, String> broker = environment(services.get(kafkaService));
    Map<String, String> expected = new LinkedHashMap<>(SingleBroker.PROPERTIES);
    expected.putAll(SingleBroker.SECURITY);
    for (var property : expected.entrySet()) {
      String variable = "KAFKA_" + property.getKey().toUpperCase(Locale.ROOT).replace('.', '_');
      // compose reads '$$' as '$'
      String value = broker.get(variable) == null ? null : broker.get(variable).replace("$$", "$");
      if (!property.getValue().equals(value)) {
        problems.add("service " + kafkaService + ": " + variable + " is " + value + ", SingleBroker sets "
            + property.getKey() + "=" + property.getValue());
      }
    }
    for (var listener : listeners(broker.getOrDefault("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP", "")
        .replace(":", "://")).entrySet()) {
      if (!listener.getValue().equals("SSL")) {
        problems.add("service " + kafkaService + ": listener " + listener.getKey() + " is " + listener.getValue()
            + ", not SSL (every client, the controller's included, shows a certificate)");
      }
    }
    Map<String, String> listeners = listeners(broker.getOrDefault("KAFKA_LISTENERS", ""));
    Map<String, String> advertised = listeners(broker.getOrDefault("KAFKA_ADVERTISED_LISTENERS", ""));
    Set<String> hostnames = new LinkedHashSet<>(List.of(kafkaService));
    if (services.get(kafkaService).get("hostname") != null) {
      hostnames.add(services.get(kafkaService).get("hostname").toString());
    }
    for (var listener : advertised.entrySet()) {
      String port = listener.getValue().substring(listener.getValue().lastIndexOf(':') + 1);
      String bound = listeners.get(listener.getKey());
      if (bound == null || !bound.endsWith(":" + port)) {
        problems.add("service " + kafkaService + ": advertised listener " + listener.getKey() + " ("
            + listener.getValue() + ") is not a listener on port " + port + " (KAFKA_LISTENERS: " + listeners + ")");
      }
    }
    for (var entry : services.entrySet()) {
      if (!applications.containsKey(entry.getKey())) {
        continue;
      }
      String bootstrap = environment(entry.getValue()).get("SPRING_KAFKA_BOOTSTRAP_SERVERS");
      if (bootstrap == null) {
        problems.add("service " + entry.getKey() + ": no SPRING_KAFKA_BOOTSTRAP_SERVERS (the runtime's default is localhost:9092)");
        continue;
      }
      for (String server : bootstrap.split(",")) {
        String host = server.trim().substring(0, Math.max(0, server.trim().lastIndexOf(':')));
        if (!advertised.containsValue(server.trim()) || !hostnames.contains(host)) {
          problems.add("service " + entry.getKey() + ": SPRING_KAFKA_BOOTSTRAP_SERVERS " + server
              + " is not a listener the broker advertises on the compose network (" + advertised + ")");
        }
      }
      if (!dependsOn(entry.getValue()).contains(kafkaService)) {
        problems.add("service " + entry.getKey() + ": does not depend on " + kafkaService);
      }
      problems.addAll(checkKafkaIdentity(entry.getKey(), entry.getValue()));
    }
    return problems;
  }

  /**
   * A service connects as itself: it imports the {@code spring.properties} of its own directory in the clients'
   * volume (BrokerSetup's layout) and mounts that directory alone, read-only, where the file's paths point.
   */
  static List<String> checkKafkaIdentity(String name, Map<String, Object> service) {
    List<String> problems = new ArrayList<>();
    String own = "/kafka-clients/" + name;
    String imported = environment(service).get("SPRING_CONFIG_IMPORT");
    if (imported == null || !List.of(imported.split(",")).contains("file:" + own + "/spring.properties")) {
      problems.add("service " + name + ": SPRING_CONFIG_IMPORT does not import file:" + own
          + "/spring.properties (its Kafka identity)");
    }
    boolean mounted = false;
    if (service.get("volumes") instanceof List<?> list) {
      for (Object volume : list) {
        if (volume instanceof Map<?, ?> m && "kafka-clients".equals(m.get("source"))) {
          Object subpath = m.get("volume") instanceof Map<?, ?> options ? options.get("subpath") : null;
          if (own.equals(m.get("target")) && name.equals(subpath) && Boolean.TRUE.equals(m.get("read_only"))) {
            mounted = true;
          } else {
            problems.add("service " + name + ": mounts kafka-clients other than its own directory, read-only, at "
                + own + " (" + m + ")");
          }
        } else if (!(volume instanceof Map<?, ?>) && String.valueOf(volume).startsWith("kafka-clients:")) {
          problems.add("service " + name + ": mounts the whole kafka-clients volume (every principal's identity)");
        }
      }
    }
    if (!mounted) {
      problems.add("service " + name + ": does not mount its Kafka identity (kafka-clients, subpath " + name + ") at "
          + own);
    }
    return problems;
  }

  private static Map<String, String> listeners(String spec) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String listener : spec.split(",")) {
      int sep = listener.indexOf("://");
      if (sep > 0) {
        out.put(listener.substring(0, sep).trim(), listener.substring(sep + 3).trim());
      }
    }
    return out;
  }

  // ---- databases ----------------------------------------------------------------------------------------------

  List<String> checkDatabases(Map<String, Map<String, Object>> services, Path composeDir) {
    List<String> problems = new ArrayList<>();
    Map<String, String> owners = new LinkedHashMap<>();
    for (var entry : services.entrySet()) {
      if (!applications.containsKey(entry.getKey())) {
        continue;
      }
      String url = environment(entry.getValue()).get("SPRING_DATASOURCE_URL");
      if (url == null) {
        problems.add("service " + entry.getKey() + ": no SPRING_DATASOURCE_URL (it would keep an H2 file in the container)");
        continue;
      }
      Matcher m = JDBC_POSTGRES.matcher(url);
      if (!m.matches()) {
        problems.add("service " + entry.getKey() + ": SPRING_DATASOURCE_URL " + url + " is not a PostgreSQL URL");
        continue;
      }
      String host = m.group(1);
      String database = m.group(3);
      Map<String, Object> postgres = services.get(host);
      if (postgres == null) {
        problems.add("service " + entry.getKey() + ": database host " + host + " is not a service");
        continue;
      }
      if (!dependsOn(entry.getValue()).contains(host)) {
        problems.add("service " + entry.getKey() + ": does not depend on " + host);
      }
      String previous = owners.put(database, entry.getKey());
      if (previous != null) {
        problems.add("services " + previous + " and " + entry.getKey() + " share the database " + database);
      }
      Set<String> created = createdDatabases(postgres, composeDir);
      if (!created.contains(database)) {
        problems.add("service " + entry.getKey() + ": database " + database + " is not created by " + host
            + "'s init scripts (they create " + created + ")");
      }
    }
    return problems;
  }

  private Set<String> createdDatabases(Map<String, Object> postgres, Path composeDir) {
    Set<String> created = new TreeSet<>();
    Object db = environment(postgres).get("POSTGRES_DB");
    if (db != null) {
      created.add(db.toString());
    }
    for (String volume : volumes(postgres)) {
      String[] parts = volume.split(":");
      if (parts.length >= 2 && parts[1].startsWith("/docker-entrypoint-initdb.d") && parts[0].startsWith(".")) {
        Path script = composeDir.resolve(parts[0]).normalize();
        if (Files.isRegularFile(script)) {
          for (Matcher m = CREATE_DATABASE.matcher(read(script)); m.find(); ) {
            created.add(m.group(1));
          }
        }
      }
    }
    return created;
  }

  // ---- the disk-prep agent ------------------------------------------------------------------------------------

  List<String> checkDiskprep(Map<String, Map<String, Object>> services) {
    Map<String, Object> agent = services.get("diskprep-service");
    Map<String, Object> staging = services.get("staging-service");
    if (agent == null || staging == null) {
      return List.of(); // reported as missing modules
    }
    List<String> problems = new ArrayList<>();
    boolean privileged = Boolean.TRUE.equals(agent.get("privileged"));
    if (!privileged && !(agent.get("devices") instanceof List<?> devices && !devices.isEmpty())) {
      problems.add("service diskprep-service: neither privileged nor given devices: it cannot open the drives");
    }
    Map<String, String> mounts = new LinkedHashMap<>(); // target -> source:mode
    for (String volume : volumes(agent)) {
      String[] parts = volume.split(":");
      if (parts.length >= 2) {
        mounts.put(parts[1], parts[0] + (parts.length > 2 ? ":" + parts[2] : ""));
      }
    }
    if (!"/dev".equals(sourceOf(mounts.get("/dev"))) && !privileged) {
      problems.add("service diskprep-service: /dev is not mounted");
    }
    for (String readOnly : List.of("/sys", "/run/udev")) {
      String mount = mounts.get(readOnly);
      if (mount == null || !mount.equals(readOnly + ":ro")) {
        problems.add("service diskprep-service: " + readOnly + " is not mounted read-only from the host (" + mount + ")");
      }
    }
    Set<String> stagingTargets = new LinkedHashSet<>();
    for (String volume : volumes(staging)) {
      String[] parts = volume.split(":");
      if (parts.length >= 2 && parts[1].contains("staging") && !parts[1].startsWith("/var/lib")) {
        stagingTargets.add(parts[0] + "->" + parts[1]);
      }
    }
    boolean shared = stagingTargets.stream().anyMatch(t -> {
      String[] st = t.split("->");
      return st[0].equals(sourceOf(mounts.get(st[1])));
    });
    if (stagingTargets.isEmpty() || !shared) {
      problems.add("service diskprep-service: the staging location staging-service writes (" + stagingTargets
          + ") is not mounted at the same path");
    }
    return problems;
  }

  private static String sourceOf(String mount) {
    return mount == null ? null : mount.split(":")[0];
  }

  // ---- environment variables ----------------------------------------------------------------------------------

  /** The problems of one service's environment: each variable names a property the service has, and binds. */
  List<String> checkEnvironment(String service, Map<String, String> environment) {
    PropertyCatalog catalog = catalog(service);
    List<String> problems = new ArrayList<>();
    for (var variable : environment.entrySet()) {
      String name = variable.getKey();
      String value = variable.getValue() == null ? "" : variable.getValue();
      if (NON_PROPERTY_VARIABLES.containsKey(name)) {
        continue;
      }
      ConfigurationPropertySource source = ConfigurationPropertySource.from(new SystemEnvironmentPropertySource(
          StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, Map.of(name, value)));
      String prefix = name.contains("_") ? name.substring(0, name.indexOf('_')) : name;
      PropertyCatalog allowed = switch (prefix) {
        case "SEEDSHIP" -> catalog;
        case "SPRING", "SERVER", "MANAGEMENT", "LOGGING" -> catalog.plus(springMetadata());
        default -> null;
      };
      if (allowed == null) {
        problems.add("service " + service + ": " + name + " is neither a Seedship nor a Spring Boot property "
            + "variable, nor one of " + NON_PROPERTY_VARIABLES.keySet());
      } else if (!allowed.matches(source)) {
        problems.add("service " + service + ": " + name + " names no configuration property of " + service
            + allowed.nearest(name));
      }
    }
    // and the values bind to the service's property classes (a Duration, an enum, a number that parses)
    ConfigurationPropertySource all = ConfigurationPropertySource.from(new SystemEnvironmentPropertySource(
        StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new LinkedHashMap<>(environment)));
    Binder binder = new Binder(List.of(all), null, ApplicationConversionService.getSharedInstance());
    for (var type : catalog.classes.entrySet()) {
      try {
        binder.bind(type.getValue(), Bindable.of(type.getKey()));
      } catch (BindException e) {
        Throwable cause = e.getCause() == null ? e : e.getCause();
        problems.add("service " + service + ": " + e.getMessage() + ": " + cause.getMessage());
      }
    }
    return problems;
  }

  synchronized PropertyCatalog catalog(String service) {
    return catalogs.computeIfAbsent(service, s -> {
      Class<?> application = applications.get(s);
      if (application == null) {
        throw new IllegalArgumentException(s + " is not a Seedship service");
      }
      PropertyCatalog catalog = new PropertyCatalog();
      for (String pkg : List.of("io.seedship.runtime", application.getPackageName())) {
        for (Class<?> type : configurationPropertiesClasses(pkg)) {
          ConfigurationProperties annotation = AnnotatedElementUtils.findMergedAnnotation(type, ConfigurationProperties.class);
          String prefix = annotation.prefix().isEmpty() ? annotation.value() : annotation.prefix();
          catalog.classes.put(type, prefix);
          catalog.walk(type, prefix, new LinkedHashSet<>());
        }
      }
      try (InputStream yml = application.getClassLoader().getResourceAsStream(s + ".yml")) {
        if (yml == null) {
          throw new IllegalStateException("no " + s + ".yml on the classpath");
        }
        for (Object document : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(yml)) {
          catalog.flatten("", document);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return catalog;
    });
  }

  private static List<Class<?>> configurationPropertiesClasses(String pkg) {
    ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false) {
      @Override
      protected boolean isCandidateComponent(org.springframework.beans.factory.annotation.AnnotatedBeanDefinition d) {
        return true;
      }
    };
    scanner.addIncludeFilter(new AnnotationTypeFilter(ConfigurationProperties.class));
    List<Class<?>> types = new ArrayList<>();
    for (BeanDefinition definition : scanner.findCandidateComponents(pkg)) {
      try {
        types.add(Class.forName(definition.getBeanClassName()));
      } catch (ClassNotFoundException e) {
        throw new IllegalStateException(e);
      }
    }
    return types;
  }

  /** The Spring Boot (and library) properties of the classpath, from their configuration metadata. */
  synchronized PropertyCatalog springMetadata() {
    if (springMetadata == null) {
      PropertyCatalog catalog = new PropertyCatalog();
      ObjectMapper json = new ObjectMapper();
      try {
        Enumeration<URL> resources = getClass().getClassLoader().getResources("META-INF/spring-configuration-metadata.json");
        while (resources.hasMoreElements()) {
          try (InputStream in = resources.nextElement().openStream()) {
            for (JsonNode property : json.readTree(in).path("properties")) {
              String name = property.path("name").asText();
              if (!ConfigurationPropertyName.isValid(name)) {
                continue;
              }
              catalog.names.add(name);
              String type = property.path("type").asText("");
              if (type.startsWith("java.util.Map") || type.startsWith("java.util.List") || type.endsWith("[]")) {
                catalog.prefixes.add(name);
              }
            }
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      springMetadata = catalog;
    }
    return springMetadata;
  }

  /** The configuration property names a service has, and the prefixes under which any key is taken (maps, lists). */
  static final class PropertyCatalog {
    final Set<String> names = new TreeSet<>();
    final Set<String> prefixes = new TreeSet<>();
    final Map<Class<?>, String> classes = new LinkedHashMap<>();

    PropertyCatalog plus(PropertyCatalog other) {
      PropertyCatalog both = new PropertyCatalog();
      both.names.addAll(names);
      both.names.addAll(other.names);
      both.prefixes.addAll(prefixes);
      both.prefixes.addAll(other.prefixes);
      both.classes.putAll(classes);
      return both;
    }

    /** True when the (one-variable) source gives a value to one of the names, as Spring Boot's binder would read it. */
    boolean matches(ConfigurationPropertySource source) {
      for (String name : names) {
        if (source.getConfigurationProperty(ConfigurationPropertyName.of(name)) != null) {
          return true;
        }
      }
      for (String prefix : prefixes) {
        if (source.containsDescendantOf(ConfigurationPropertyName.of(prefix)) == ConfigurationPropertyState.PRESENT) {
          return true;
        }
      }
      return false;
    }

    /** A hint: the properties whose environment form shares the variable's first words. */
    String nearest(String variable) {
      String[] words = variable.split("_");
      String start = (words.length > 2 ? words[0] + "_" + words[1] : words[0]).toLowerCase(Locale.ROOT);
      List<String> close = names.stream()
          .filter(n -> n.replace('.', '_').replace("-", "").startsWith(start)).limit(12).toList();
      return close.isEmpty() ? "" : " (it has, e.g.: " + String.join(", ", close) + ")";
    }

    void walk(Class<?> type, String prefix, Set<Class<?>> seen) {
      if (!seen.add(type)) {
        return;
      }
      if (type.isRecord()) {
        for (RecordComponent component : type.getRecordComponents()) {
          member(component.getGenericType(), prefix + "." + kebab(component.getName()), true, seen);
        }
      } else {
        try {
          for (PropertyDescriptor property : Introspector.getBeanInfo(type, Object.class).getPropertyDescriptors()) {
            if (property.getReadMethod() != null) {
              member(property.getReadMethod().getGenericReturnType(), prefix + "." + kebab(property.getName()),
                  property.getWriteMethod() != null, seen);
            }
          }
        } catch (IntrospectionException e) {
          throw new IllegalStateException(e);
        }
      }
      seen.remove(type);
    }

    private void member(Type generic, String name, boolean settable, Set<Class<?>> seen) {
      Class<?> raw = generic instanceof ParameterizedType p ? (Class<?>) p.getRawType()
          : generic instanceof Class<?> c ? c : Object.class;
      if (Map.class.isAssignableFrom(raw)) {
        names.add(name);
        prefixes.add(name);
      } else if (Collection.class.isAssignableFrom(raw) || raw.isArray()) {
        names.add(name);
        prefixes.add(name); // indexed: NAME_0, NAME_1...
      } else if (raw.getName().startsWith("io.seedship.") && !raw.isEnum() && !raw.isInterface()
          && !Modifier.isAbstract(raw.getModifiers())) {
        walk(raw, name, seen); // nested properties
      } else if (settable) {
        names.add(name);
      }
    }

    void flatten(String prefix, Object node) {
      if (node instanceof Map<?, ?> map) {
        map.forEach((k, v) -> flatten(prefix.isEmpty() ? String.valueOf(k) : prefix + "." + k, v));
      } else if (node instanceof List<?> list) {
        if (ConfigurationPropertyName.isValid(prefix)) {
          names.add(prefix);
          prefixes.add(prefix);
        }
      } else if (ConfigurationPropertyName.isValid(prefix)) {
        names.add(prefix);
      }
    }

    static String kebab(String camel) {
      return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }
  }

  // ---- YAML helpers -------------------------------------------------------------------------------------------

  static Map<String, Object> load(Path composeFile) {
    LoaderOptions options = new LoaderOptions();
    try (InputStream in = Files.newInputStream(composeFile)) {
      Object document = new Yaml(new SafeConstructor(options)).load(in);
      if (!(document instanceof Map<?, ?> map)) {
        throw new IllegalArgumentException(composeFile + " is not a YAML mapping");
      }
      return stringKeys(map);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Map<String, Map<String, Object>> services(Map<String, Object> compose) {
    Map<String, Map<String, Object>> services = new LinkedHashMap<>();
    if (compose.get("services") instanceof Map<?, ?> map) {
      map.forEach((name, spec) -> services.put(String.valueOf(name), spec instanceof Map<?, ?> m ? stringKeys(m) : Map.of()));
    }
    return services;
  }

  static Map<String, String> environment(Map<String, Object> service) {
    Map<String, String> environment = new LinkedHashMap<>();
    Object given = service.get("environment");
    if (given instanceof Map<?, ?> map) {
      map.forEach((k, v) -> environment.put(String.valueOf(k), v == null ? null : String.valueOf(v)));
    } else if (given instanceof List<?> list) {
      list.forEach(item -> {
        String[] kv = String.valueOf(item).split("=", 2);
        environment.put(kv[0], kv.length > 1 ? kv[1] : null);
      });
    }
    return environment;
  }

  static List<String> volumes(Map<String, Object> service) {
    List<String> volumes = new ArrayList<>();
    if (service.get("volumes") instanceof List<?> list) {
      for (Object volume : list) {
        if (volume instanceof Map<?, ?> m) {
          volumes.add(m.get("source") + ":" + m.get("target") + (Boolean.TRUE.equals(m.get("read_only")) ? ":ro" : ""));
        } else {
          volumes.add(String.valueOf(volume));
        }
      }
    }
    return volumes;
  }

  static Set<String> dependsOn(Map<String, Object> service) {
    Object given = service.get("depends_on");
    Set<String> names = new LinkedHashSet<>();
    if (given instanceof Map<?, ?> map) {
      map.keySet().forEach(k -> names.add(String.valueOf(k)));
    } else if (given instanceof List<?> list) {
      list.forEach(k -> names.add(String.valueOf(k)));
    }
    return names;
  }

  private static Map<String, Object> stringKeys(Map<?, ?> map) {
    Map<String, Object> out = new LinkedHashMap<>();
    map.forEach((k, v) -> out.put(String.valueOf(k), v));
    return out;
  }

  private List<String> modules() {
    List<String> modules = new ArrayList<>();
    for (Matcher m = Pattern.compile("<module>([^<]+)</module>").matcher(read(repository.resolve("pom.xml"))); m.find(); ) {
      modules.add(m.group(1).trim());
    }
    return modules;
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
