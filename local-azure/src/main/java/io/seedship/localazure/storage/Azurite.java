package io.seedship.localazure.storage;

import io.seedship.localazure.LocalAzureProperties;
import io.seedship.localazure.tls.LocalCertificates;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The blob service behind local-azure's storage accounts: a real Azurite. In START mode it is installed from npm at
 * a pinned version (once per machine) and started lazily, over HTTPS with local-azure's certificate, knowing exactly
 * the accounts ARM has created; Azurite reads its accounts only at startup, so a new account restarts it (its data
 * directory survives). EXTERNAL uses an Azurite given by URL whose accounts are configured; NONE has no blobs.
 */
@Component
public class Azurite {

  private static final Logger log = LoggerFactory.getLogger(Azurite.class);

  private final LocalAzureProperties.Azurite settings;
  private final Path dataDir;
  private final LocalCertificates certificates;
  private final Map<String, String> accounts = new LinkedHashMap<>();
  private Process process;
  private int port;

  public Azurite(LocalAzureProperties properties) {
    this.settings = properties.getAzurite();
    this.dataDir = properties.getDataDir().resolve("azurite");
    this.certificates = LocalCertificates.ensure(properties.getDataDir().resolve("tls"), properties.getHost());
    for (String account : settings.getAccounts()) {
      String[] parts = account.split(":", 2);
      if (parts.length != 2) {
        throw new IllegalArgumentException("local-azure.azurite.accounts: '" + parts[0]
            + "' must be name:base64key");
      }
      accounts.put(parts[0], parts[1]);
    }
  }

  public LocalAzureProperties.Azurite.Mode mode() {
    return settings.getMode();
  }

  /** Makes {@code account} usable with {@code key}; returns the account's blob endpoint. */
  public synchronized String host(String account, String key) {
    switch (settings.getMode()) {
      case NONE -> {
        accounts.put(account, key);
        return "https://127.0.0.1:1/" + account + "/";
      }
      case EXTERNAL -> {
        if (!accounts.containsKey(account)) {
          throw new IllegalStateException("the external Azurite at " + settings.getUrl() + " knows only the accounts "
              + accounts.keySet() + "; add " + account + " to local-azure.azurite.accounts");
        }
        return trailingSlash(settings.getUrl()) + account + "/";
      }
      default -> {
        boolean known = key.equals(accounts.get(account));
        accounts.put(account, key);
        if (process == null || !process.isAlive() || !known) {
          restart();
        }
        return "https://127.0.0.1:" + port + "/" + account + "/";
      }
    }
  }

  /**
   * Makes an account known before Azurite starts, so using it later needs no restart (a restart cuts the copies in
   * flight). An account Azurite already knows keeps its key; for a running Azurite this only takes effect at its
   * next start.
   */
  public synchronized String reserve(String account, String key) {
    return accounts.computeIfAbsent(account, a -> key);
  }

  /** The key Azurite holds for an account (EXTERNAL accounts bring their own). */
  public synchronized String keyOf(String account) {
    return accounts.get(account);
  }

  public synchronized boolean knows(String account) {
    return accounts.containsKey(account);
  }

  private void restart() {
    stop();
    try {
      Path bin = install();
      Files.createDirectories(dataDir.resolve("data"));
      if (port == 0) {
        port = settings.getPort() != 0 ? settings.getPort() : freePort();
      }
      List<String> command = new ArrayList<>(List.of(bin.toString(),
          "--blobHost", "127.0.0.1", "--blobPort", Integer.toString(port),
          "--location", dataDir.resolve("data").toString(),
          "--skipApiVersionCheck", "--disableTelemetry", "--loose",
          "--cert", certificates.certificatePem().toString(), "--key", certificates.privateKeyPem().toString()));
      ProcessBuilder builder = new ProcessBuilder(command)
          .redirectErrorStream(true)
          .redirectOutput(dataDir.resolve("azurite.log").toFile());
      builder.environment().put("AZURITE_ACCOUNTS", accounts.entrySet().stream()
          .map(e -> e.getKey() + ":" + e.getValue()).collect(Collectors.joining(";")));
      // copies Azurite makes to itself go over HTTPS to this same certificate
      builder.environment().put("NODE_EXTRA_CA_CERTS", certificates.certificatePem().toString());
      process = builder.start();
      awaitPort(Duration.ofSeconds(60));
      log.info("Azurite blob service on https://127.0.0.1:{} with {} account(s)", port, accounts.size());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start Azurite; see " + dataDir.resolve("azurite.log"), e);
    }
  }

  /** The npm install, shared by every local-azure data directory on this machine. */
  private Path install() throws IOException {
    Path prefix = Path.of(System.getProperty("user.home"), ".seedship", "azurite", settings.getVersion());
    Path bin = prefix.resolve("node_modules").resolve(".bin").resolve("azurite-blob");
    if (Files.isExecutable(bin)) {
      return bin;
    }
    Files.createDirectories(prefix);
    log.info("installing azurite@{} from npm into {}", settings.getVersion(), prefix);
    Process npm = new ProcessBuilder("npm", "install", "--prefix", prefix.toString(), "--no-audit", "--no-fund",
        "azurite@" + settings.getVersion())
        .redirectErrorStream(true)
        .redirectOutput(prefix.resolve("npm-install.log").toFile())
        .start();
    try {
      if (!npm.waitFor(10, TimeUnit.MINUTES) || npm.exitValue() != 0 || !Files.isExecutable(bin)) {
        throw new IOException("npm install azurite@" + settings.getVersion() + " failed; see "
            + prefix.resolve("npm-install.log"));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while installing Azurite", e);
    }
    return bin;
  }

  private void awaitPort(Duration timeout) throws IOException {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IOException("Azurite exited with " + process.exitValue());
      }
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return;
      } catch (IOException notYet) {
        sleep(100);
      }
    }
    throw new IOException("Azurite did not listen on port " + port + " within " + timeout);
  }

  @PreDestroy
  public synchronized void stop() {
    if (process != null && process.isAlive()) {
      process.descendants().forEach(ProcessHandle::destroy);
      process.destroy();
      try {
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        process.destroyForcibly();
      }
    }
    process = null;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String trailingSlash(String url) {
    return url.endsWith("/") ? url : url + "/";
  }
}
