package io.seedship.e2e;

import io.seedship.runtime.broker.SingleBroker;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * One Kafka broker in KRaft mode (broker and controller in one), run the way a deployment runs it, with its log
 * directory under the local run's home: stopping and starting again keeps every topic and event. The directory is
 * formatted on first start only; the ports chosen then are kept in {@code ports} and reused while they are free.
 */
final class LocalBroker implements AutoCloseable {

  private final KafkaRaftServer server;
  private final String bootstrapServers;

  private LocalBroker(KafkaRaftServer server, String bootstrapServers) {
    this.server = server;
    this.bootstrapServers = bootstrapServers;
  }

  static LocalBroker start(Path directory) {
    try {
      Path logs = directory.resolve("logs").toAbsolutePath();
      Files.createDirectories(logs);
      int[] ports = ports(directory.resolve("ports"));
      Properties p = new Properties();
      p.putAll(SingleBroker.PROPERTIES);
      p.put("process.roles", "broker,controller");
      p.put("node.id", "1");
      p.put("controller.quorum.voters", "1@127.0.0.1:" + ports[1]);
      p.put("listeners", "PLAINTEXT://127.0.0.1:" + ports[0] + ",CONTROLLER://127.0.0.1:" + ports[1]);
      p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + ports[0]);
      p.put("controller.listener.names", "CONTROLLER");
      p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
      p.put("inter.broker.listener.name", "PLAINTEXT");
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
      return new LocalBroker(server, "127.0.0.1:" + ports[0]);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (Exception e) {
      throw new IllegalStateException("the local Kafka broker in " + directory + " did not start: " + e.getMessage(),
          e);
    }
  }

  String bootstrapServers() {
    return bootstrapServers;
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
