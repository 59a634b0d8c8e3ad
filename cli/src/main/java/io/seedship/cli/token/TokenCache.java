package io.seedship.cli.token;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.seedship.cli.failure.CliFailure;
import io.seedship.cli.failure.Exit;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Properties;

/**
 * The signed-in caller's access token, kept in one file with mode 600 until it expires. The token is never printed;
 * what the command shows of it (who, which roles, until when) is read from its claims.
 */
public final class TokenCache {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** A cached token and what its claims say; {@code toString} leaves the token out. */
  public record Token(String accessToken, Instant expiresAt, String caller, List<String> roles) {
    @Override
    public String toString() {
      return "Token[" + caller + ", roles " + roles + ", until " + expiresAt + "]";
    }
  }

  private final Path file;
  private final Clock clock;

  public TokenCache(Path file, Clock clock) {
    this.file = file;
    this.clock = clock;
  }

  public Path file() {
    return file;
  }

  public Token save(String accessToken, Instant expiresAt) {
    Token token = describe(accessToken, expiresAt);
    Properties p = new Properties();
    p.setProperty("access-token", accessToken);
    p.setProperty("expires-at", expiresAt.toString());
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Path temp = posix()
          ? Files.createTempFile(file.toAbsolutePath().getParent(), ".token", ".tmp",
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
          : Files.createTempFile(file.toAbsolutePath().getParent(), ".token", ".tmp");
      try (OutputStream out = Files.newOutputStream(temp)) {
        p.store(out, "seedship login: a bearer token, keep this file mode 600");
      }
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new CliFailure(Exit.FAILED, "cannot keep the sign-in in " + file + ": " + e.getMessage());
    }
    return token;
  }

  /** The cached token while it is valid; otherwise a failure saying to sign in. */
  public Token current() {
    if (!Files.exists(file)) {
      throw new CliFailure(Exit.NOT_ALLOWED, "not signed in: run 'seedship login --client-id <app id>' first");
    }
    Properties p = new Properties();
    try (InputStream in = Files.newInputStream(file)) {
      p.load(in);
    } catch (IOException e) {
      throw new CliFailure(Exit.NOT_ALLOWED, "cannot read the sign-in in " + file + ": run 'seedship login' again");
    }
    String accessToken = p.getProperty("access-token");
    String expires = p.getProperty("expires-at");
    if (accessToken == null || expires == null) {
      throw new CliFailure(Exit.NOT_ALLOWED, "the sign-in in " + file + " is incomplete: run 'seedship login' again");
    }
    Instant expiresAt = Instant.parse(expires);
    if (!clock.instant().isBefore(expiresAt.minusSeconds(30))) {
      throw new CliFailure(Exit.NOT_ALLOWED, "your sign-in expired at " + expiresAt + ": run 'seedship login' again");
    }
    return describe(accessToken, expiresAt);
  }

  public void forget() {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new CliFailure(Exit.FAILED, "cannot remove " + file + ": " + e.getMessage());
    }
  }

  /** The caller and roles a token's claims name (read for display only: the services check the signature). */
  static Token describe(String accessToken, Instant expiresAt) {
    String caller = "unknown";
    List<String> roles = new ArrayList<>();
    String[] parts = accessToken.split("\\.");
    if (parts.length == 3) {
      try {
        JsonNode claims = JSON.readTree(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
        if (claims.hasNonNull("upn")) {
          caller = claims.get("upn").asText();
        } else if (claims.hasNonNull("appid") || claims.hasNonNull("azp")) {
          caller = "app:" + (claims.hasNonNull("appid") ? claims.get("appid") : claims.get("azp")).asText();
        }
        claims.path("roles").forEach(r -> roles.add(r.asText()));
      } catch (IOException | IllegalArgumentException e) {
        // not a JWT we can read: the services will say what they think of it
      }
    }
    return new Token(accessToken, expiresAt, caller, List.copyOf(roles));
  }

  private static boolean posix() {
    return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
  }
}
