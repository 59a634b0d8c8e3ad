package io.seedship.runtime.broker;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * One Kafka broker in KRaft mode (broker and controller in one) in this JVM, run the way a deployment runs it: the
 * broker of {@code ./seedship-local} (under its home: stopping and starting again keeps every topic and event) and
 * of the tests ({@code KafkaTestBroker}, a fresh directory per test JVM). The directory is
 * formatted on first start only; the ports chosen then are kept in {@code ports} and reused while they are free.
 *
 * <p>It runs as a datacenter's would ({@link SingleBroker#SECURITY}): both listeners (clients, controller) are TLS
 * with client certificates required, each client's principal is its certificate's CN, and {@code StandardAuthorizer}
 * allows only what {@link BrokerAcls} grants. The CA and
 * every principal's key store are made on first start in {@code credentials} (mode 700, files mode 600) and reused
 * ({@link BrokerCredentials}). Once started, {@code admin} creates the catalog's topics and applies the ACLs.
 */
public final class LocalBroker implements AutoCloseable {

  /** Partitions of each catalog topic the broker's admin creates (one machine: 3 are plenty). */
  public static final int PARTITIONS = 3;

  private final KafkaRaftServer server;
  private final String bootstrapServers;
  private final BrokerCredentials credentials;

  private LocalBroker(KafkaRaftServer server, String bootstrapServers, BrokerCredentials credentials) {
    this.server = server;
    this.bootstrapServers = bootstrapServers;
    this.credentials = credentials;
  }

  public static LocalBroker start(Path directory) {
    try {
      Path logs = directory.resolve("logs").toAbsolutePath();
      Files.createDirectories(logs);
      int[] ports = ports(directory.resolve("ports"));
      BrokerCredentials credentials = BrokerCredentials.ensure(directory.resolve("credentials"),
          BrokerCredentials.catalogPrincipals());
      Properties p = new Properties();
      p.putAll(SingleBroker.PROPERTIES);
      p.put("process.roles", "broker,controller");
      p.put("node.id", "1");
      p.put("controller.quorum.voters", "1@127.0.0.1:" + ports[1]);
      p.put("listeners", "SSL://127.0.0.1:" + ports[0] + ",CONTROLLER://127.0.0.1:" + ports[1]);
      p.put("advertised.listeners", "SSL://127.0.0.1:" + ports[0]);
      p.put("controller.listener.names", "CONTROLLER");
      p.put("listener.security.protocol.map", "SSL:SSL,CONTROLLER:SSL");
      p.put("inter.broker.listener.name", "SSL");
      // mutual TLS on both listeners, the CN as principal; the broker is a client of its controller as "broker"
      p.putAll(SingleBroker.SECURITY);
      p.putAll(credentials.brokerProperties());
      p.put("log.dirs", logs.toString());
      KafkaConfig config = new KafkaConfig(p);
      if (!Files.exists(logs.resolve("meta.properties"))) {
        new Formatter().setPrintStream(new PrintStream(PrintStream.nullOutputStream(), true, StandardCharsets.UTF_8))
            .setNodeId(1).setClusterId(Uuid.randomUuid().toString())
            .setDirectories(List.of(logs.toString())).setMetadataLogDirectory(logs.toString())
            .setControllerListenerName("CONTROLLER").setReleaseVersion(MetadataVersion.LATEST_PRODUCTION).run();
      }
      KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
      server.startup();
      LocalBroker broker = new LocalBroker(server, "127.0.0.1:" + ports[0], credentials);
      try (Admin admin = Admin.create(broker.clientProperties(BrokerCredentials.ADMIN))) {
        SingleBroker.prepare(admin, PARTITIONS);
      } catch (RuntimeException e) {
        broker.close();
        throw e;
      }
      return broker;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (Exception e) {
      throw new IllegalStateException("the local Kafka broker in " + directory + " did not start: " + e.getMessage(),
          e);
    }
  }

  public String bootstrapServers() {
    return bootstrapServers;
  }

  public BrokerCredentials credentials() {
    return credentials;
  }

  /** Kafka client settings to connect as {@code principal}: the bootstrap servers and its TLS identity. */
  public Map<String, Object> clientProperties(String principal) {
    Map<String, Object> p = new java.util.LinkedHashMap<>(credentials.clientProperties(principal));
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    return p;
  }

  /** The client port and the controller port of the last run when both are free, else two new ones (kept). */
  private static int[] ports(Path file) throws IOException {
    if (Files.exists(file)) {
      String[] kept = Files.readString(file).trim().split(",");
      if (kept.length == 2 && free(Integer.parseInt(kept[0])) && free(Integer.parseInt(kept[1]))) {
        return new int[] {Integer.parseInt(kept[0]), Integer.parseInt(kept[1])};
      }
    }
    int[] ports;
    try (ServerSocket a = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
         ServerSocket b = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      ports = new int[] {a.getLocalPort(), b.getLocalPort()};
    }
    Files.writeString(file, ports[0] + "," + ports[1] + "\n");
    return ports;
  }

  private static boolean free(int port) {
    try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      socket.setReuseAddress(true);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  @Override
  public void close() {
    server.shutdown();
    server.awaitShutdown();
  }
}
