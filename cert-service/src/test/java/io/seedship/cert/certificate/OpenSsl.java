package io.seedship.cert.certificate;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The openssl command line, for cross-checks computed independently of our code; tests skip where it is missing. */
public final class OpenSsl {

  private static final boolean AVAILABLE = probe();

  private OpenSsl() {}

  public record Result(int exitCode, String output) {}

  public static boolean available() {
    return AVAILABLE;
  }

  /** Skips the calling test, with a message, when openssl is not on the PATH. */
  public static void assumeAvailable() {
    assumeTrue(AVAILABLE, "openssl is not on the PATH: skipping the cross-check against openssl");
  }

  /** Runs {@code openssl args...} with {@code stdin}; stdout and stderr together. */
  public static Result run(byte[] stdin, Map<String, String> env, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add("openssl");
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().putAll(env);
    Process process = builder.start();
    try (OutputStream in = process.getOutputStream()) {
      in.write(stdin);
    }
    byte[] output = process.getInputStream().readAllBytes();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IOException("openssl did not finish within 60 s");
    }
    return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
  }

  public static Result run(byte[] stdin, String... args) throws IOException, InterruptedException {
    return run(stdin, Map.of(), args);
  }

  private static boolean probe() {
    try {
      return run(new byte[0], "version").exitCode() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
