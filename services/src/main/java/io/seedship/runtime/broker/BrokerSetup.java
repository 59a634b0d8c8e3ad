package io.seedship.runtime.broker;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * The broker's identities and ACLs where the broker is not {@link LocalBroker}: docker-compose.yml runs it in its
 * {@code kafka-credentials} and {@code kafka-setup} containers (from a service's image; the class is on every
 * service's class path).
 *
 * <pre>
 * credentials STORE BROKER_DIR CLIENTS_DIR   make or keep the CA and every catalog principal's store in STORE (it
 *                                            alone holds the CA's key); copy the broker's own to BROKER_DIR and
 *                                            every client's to CLIENTS_DIR/<principal>, with configuration files
 * prepare BOOTSTRAP CLIENT_CONFIG PARTITIONS create the catalog's missing topics and apply the ACL table, as the
 *                                            admin whose Kafka client configuration is CLIENT_CONFIG
 * </pre>
 *
 * In BROKER_DIR: {@code broker.p12}, {@code truststore.p12}, and the one-line password files the apache/kafka image
 * reads ({@code broker.password}, {@code truststore.password}), with {@code broker.client.properties} for the
 * broker's own health check. In CLIENTS_DIR, a directory per principal but the broker, for that client alone (mount
 * it at the same path): its key store, the trust store, {@code client.properties} (Kafka client settings) and
 * {@code spring.properties} ({@code spring.kafka.*}, for {@code spring.config.import}). Every file is mode 600; no
 * password is printed.
 */
public final class BrokerSetup {

  private BrokerSetup() {
  }

  public static void main(String[] args) {
    if (args.length == 4 && args[0].equals("credentials")) {
      credentials(Path.of(args[1]), Path.of(args[2]), Path.of(args[3]));
      System.out.println("broker credentials ready in " + args[2] + " and " + args[3]);
    } else if (args.length == 4 && args[0].equals("prepare")) {
      prepare(args[1], Path.of(args[2]), positive(args[3]));
      System.out.println("catalog topics and ACLs in place on " + args[1]);
    } else {
      System.err.println("usage: BrokerSetup credentials STORE BROKER_DIR CLIENTS_DIR\n"
          + "       BrokerSetup prepare BOOTSTRAP_SERVERS CLIENT_CONFIG PARTITIONS");
      System.exit(2);
    }
  }

  /** Makes or keeps every catalog identity in {@code store} and copies them out as the class comment says. */
  public static void credentials(Path store, Path brokerDir, Path clientsDir) {
    BrokerCredentials all = BrokerCredentials.ensure(store, BrokerCredentials.catalogPrincipals());
    BrokerCredentials broker = all.subset(brokerDir, List.of(BrokerCredentials.BROKER));
    writeLine(brokerDir.resolve("broker.password"), broker.storePassword(BrokerCredentials.BROKER));
    writeLine(brokerDir.resolve("truststore.password"), broker.trustStorePassword());
    writeProperties(brokerDir.resolve("broker.client.properties"),
        broker.clientProperties(BrokerCredentials.BROKER));
    for (String principal : BrokerCredentials.catalogPrincipals()) {
      Path own = clientsDir.resolve(principal);
      BrokerCredentials copied = all.subset(own, List.of(principal));
      writeProperties(own.resolve("client.properties"), copied.clientProperties(principal));
      writeProperties(own.resolve("spring.properties"), copied.springProperties(principal));
    }
  }

  /** Creates the catalog's missing topics and applies the ACL table, connected as {@code clientConfig} says. */
  public static void prepare(String bootstrapServers, Path clientConfig, int partitions) {
    Map<String, Object> config = new HashMap<>();
    Properties properties = new Properties();
    try (InputStream in = Files.newInputStream(clientConfig)) {
      properties.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the client configuration " + clientConfig, e);
    }
    properties.stringPropertyNames().forEach(name -> config.put(name, properties.getProperty(name)));
    config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    try (Admin admin = Admin.create(config)) {
      SingleBroker.prepare(admin, partitions);
    }
  }

  private static int positive(String partitions) {
    try {
      int n = Integer.parseInt(partitions);
      if (n > 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException("PARTITIONS must be a whole number above 0, not '" + partitions + "'");
  }

  private static void writeLine(Path file, String line) {
    write(file, (line + "\n").getBytes(StandardCharsets.UTF_8));
  }

  private static void writeProperties(Path file, Map<String, ?> values) {
    Properties properties = new Properties();
    values.forEach((k, v) -> properties.setProperty(k, String.valueOf(v)));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      properties.store(out, "written by BrokerSetup; holds passwords: keep it mode 600");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    write(file, out.toByteArray());
  }

  private static void write(Path file, byte[] bytes) {
    try {
      BrokerCredentials.write(file, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
