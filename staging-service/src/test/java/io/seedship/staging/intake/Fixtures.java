package io.seedship.staging.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The publish-settings fixtures, copied to real files, and the check that no certificate leaks into a text. */
public final class Fixtures {

  public static final String CONTOSO = "8a3c4e0e-5c9f-4c1b-9d2e-0c6f1f9b7a11";
  static final String DEV_TEST = "2b7e9a44-31d0-4f5e-8c6a-9e1d2f3a4b5c";
  static final String VISUAL_STUDIO = "c0ffee00-1234-4abc-9def-0123456789ab";
  private static final Pattern CERTIFICATE = Pattern.compile("ManagementCertificate=\"([^\"&]+)\"");

  private Fixtures() {
  }

  /** Copies src/test/resources/publishsettings/{name} into {dir}. */
  public static Path publishSettings(Path dir, String name) {
    try (InputStream in = Fixtures.class.getResourceAsStream("/publishsettings/" + name)) {
      assertThat(in).as("fixture %s", name).isNotNull();
      Path file = dir.resolve(name);
      Files.copy(in, file);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every ManagementCertificate value of the fixture. */
  static List<String> certificates(String name) {
    try (InputStream in = Fixtures.class.getResourceAsStream("/publishsettings/" + name)) {
      Matcher matcher = CERTIFICATE.matcher(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
      List<String> found = new ArrayList<>();
      while (matcher.find()) {
        found.add(matcher.group(1));
      }
      return found;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** No 24-character piece of any certificate of the fixture appears in {text}. */
  static void assertNoCertificateIn(String text, String fixture) {
    for (String certificate : certificates(fixture)) {
      for (int i = 0; i + 24 <= certificate.length(); i += 12) {
        assertThat(text).as("certificate piece at %d", i).doesNotContain(certificate.substring(i, i + 24));
      }
    }
  }

  static boolean runningAsRoot() {
    return "root".equals(System.getProperty("user.name"));
  }

  /**
   * The sample seed request, valid on this machine: a small source tree, a staging location and publish settings
   * holding its subscription, all under {@code root}.
   */
  public static io.seedship.contracts.command.RequestSeed requestSeed(Path root, String seedId) {
    try {
      Path source = java.nio.file.Files.createDirectories(root.resolve("source"));
      java.nio.file.Files.writeString(source.resolve("a.txt"), "a");
      var command = io.seedship.contracts.Samples.requestSeed(seedId);
      command.getRequest().setSourcePath(source.toString());
      command.getRequest().setStagingLocation(java.nio.file.Files.createDirectories(root.resolve("staging"))
          .toString());
      command.getRequest().setPublishSettingsFile(publishSettings(java.nio.file.Files.createDirectories(
          root.resolve("etc")), "schema-2.0.publishsettings").toString());
      command.getRequest().setSubscriptionId(CONTOSO);
      return command;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
