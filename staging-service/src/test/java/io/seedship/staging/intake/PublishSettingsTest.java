package io.seedship.staging.intake;

import static io.seedship.staging.intake.Fixtures.CONTOSO;
import static io.seedship.staging.intake.Fixtures.DEV_TEST;
import static io.seedship.staging.intake.Fixtures.VISUAL_STUDIO;
import static io.seedship.staging.intake.Fixtures.assertNoCertificateIn;
import static io.seedship.staging.intake.Fixtures.publishSettings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.seedship.staging.intake.PublishSettings.SchemaVersion;
import io.seedship.staging.intake.PublishSettings.Subscription;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PublishSettingsTest {

  @TempDir
  Path dir;

  @Test
  void readsSchema10WithTheUrlAndCertificateOnTheProfile() throws Exception {
    PublishSettings settings = PublishSettings.read(publishSettings(dir, "schema-1.0.publishsettings"));

    assertThat(settings.file()).isEqualTo(dir.resolve("schema-1.0.publishsettings"));
    assertThat(settings.schemaVersion()).isEqualTo(SchemaVersion.V1_0);
    assertThat(settings.subscriptions()).containsExactly(
        new Subscription(CONTOSO, "Contoso Backup (Pay-As-You-Go)", URI.create("https://management.core.windows.net/")),
        new Subscription(DEV_TEST, "Contoso Dev/Test", URI.create("https://management.core.windows.net/")));
  }

  @Test
  void readsSchema20WithTheUrlAndCertificateOnEachSubscription() throws Exception {
    PublishSettings settings = PublishSettings.read(publishSettings(dir, "schema-2.0.publishsettings"));

    assertThat(settings.schemaVersion()).isEqualTo(SchemaVersion.V2_0);
    assertThat(settings.schemaVersion().label()).isEqualTo("2.0");
    assertThat(settings.subscriptionIds()).containsExactly(CONTOSO.toUpperCase(), VISUAL_STUDIO);
    assertThat(settings.subscriptions()).extracting(Subscription::name)
        .containsExactly("Contoso Backup (Pay-As-You-Go)", "Visual Studio Enterprise");
    assertThat(settings.subscriptions()).extracting(Subscription::managementUrl)
        .containsOnly(URI.create("https://management.core.windows.net"));
  }

  @Test
  void findsASubscriptionWhateverTheCaseOfItsId() throws Exception {
    PublishSettings settings = PublishSettings.read(publishSettings(dir, "schema-2.0.publishsettings"));

    assertThat(settings.subscription(CONTOSO)).map(Subscription::name).contains("Contoso Backup (Pay-As-You-Go)");
    assertThat(settings.subscription(VISUAL_STUDIO.toUpperCase())).isPresent();
    assertThat(settings.subscription(DEV_TEST)).isEmpty();
  }

  @Test
  void keepsNothingOfTheManagementCertificate() throws Exception {
    for (String fixture : new String[] {"schema-1.0.publishsettings", "schema-2.0.publishsettings"}) {
      assertThat(Fixtures.certificates(fixture)).isNotEmpty();
      PublishSettings settings = PublishSettings.read(publishSettings(dir, fixture));
      assertNoCertificateIn(settings.toString(), fixture);
    }
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(delimiter = '|', textBlock = """
      not-xml.publishsettings                 | is not well-formed XML at line 1, column 1
      truncated.publishsettings               | is not well-formed XML at line
      app-service.publishsettings             | has the root element <publishData>, not <PublishData> (line 1): it is not an Azure publish-settings file
      no-subscription.publishsettings         | has no subscription: no <Subscription> in a <PublishProfile PublishMethod="AzureServiceManagementAPI">; download
      other-methods.publishsettings           | has no subscription: no <Subscription> in a <PublishProfile PublishMethod="AzureServiceManagementAPI"> (its profiles are for MSDeploy)
      schema-3.0.publishsettings              | has SchemaVersion '3.0' (line 5); Seedship reads schema 1.0 (no SchemaVersion) and 2.0
      subscription-without-id.publishsettings | has a <Subscription> without an Id (line 9)
      missing-certificate.publishsettings     | has no ManagementCertificate for subscription 8a3c4e0e-5c9f-4c1b-9d2e-0c6f1f9b7a11 (line 9)
      """)
  void refusesABrokenFileNamingItAndWhatIsWrong(String fixture, String expected) {
    Path file = publishSettings(dir, fixture);

    assertThatThrownBy(() -> PublishSettings.read(file))
        .isInstanceOfSatisfying(PublishSettingsException.class, e -> {
          assertThat(e.getMessage()).startsWith("publish-settings file '" + file + "' ").contains(expected);
          assertThat(e.file()).isEqualTo(file);
          assertThat(e.getMessage()).isEqualTo("publish-settings file '" + file + "' " + e.problem());
          assertNoCertificateIn(e.getMessage(), fixture);
        });
  }

  @Test
  void refusesAnExternalEntityWithoutReadingIt() {
    Path file = publishSettings(dir, "xxe.publishsettings");

    assertThatThrownBy(() -> PublishSettings.read(file))
        .isInstanceOf(PublishSettingsException.class)
        .hasMessageContaining("xxe.publishsettings' has a DOCTYPE declaration (line 4), which Seedship refuses")
        .hasMessageContaining("(XXE)")
        .hasMessageNotContaining("root:");
  }

  @Test
  void refusesEntityExpansion() {
    Path file = publishSettings(dir, "billion-laughs.publishsettings");

    assertThatThrownBy(() -> PublishSettings.read(file))
        .isInstanceOf(PublishSettingsException.class)
        .hasMessageContaining("has a DOCTYPE declaration");
  }

  @Test
  void refusesAnEmptyFile() throws IOException {
    Path file = Files.createFile(dir.resolve("empty.publishsettings"));

    assertThatThrownBy(() -> PublishSettings.read(file))
        .hasMessageStartingWith("publish-settings file '" + file + "' is not well-formed XML");
  }

  @Test
  void refusesAMissingFile() {
    Path file = dir.resolve("nowhere.publishsettings");

    assertThatThrownBy(() -> PublishSettings.read(file))
        .isInstanceOf(PublishSettingsException.class)
        .hasMessage("publish-settings file '" + file + "' does not exist; check the path (staging-service reads it"
            + " on its own host)");
  }

  @Test
  void refusesADirectory() {
    assertThatThrownBy(() -> PublishSettings.read(dir))
        .hasMessageContaining("' is a directory, not a file");
  }

  @Test
  void refusesAPathThatCannotBeRead() {
    // A name longer than the file system allows: unreadable even for root, unlike a file without read permission.
    Path file = dir.resolve("c".repeat(300) + ".publishsettings");

    assertThatThrownBy(() -> PublishSettings.read(file))
        .hasMessageStartingWith("publish-settings file '" + file + "' cannot be read: ")
        .hasMessageContaining("File name too long");
  }

  @Test
  void refusesAFileWithoutReadPermission() throws IOException {
    assumeThat(Fixtures.runningAsRoot()).as("root reads any file").isFalse();
    Path file = publishSettings(dir, "schema-1.0.publishsettings");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("-w-------"));

    assertThatThrownBy(() -> PublishSettings.read(file))
        .hasMessageContaining("cannot be read: permission denied");
  }

  @Test
  void refusesAFileFarTooLarge() throws IOException {
    Path file = dir.resolve("huge.publishsettings");
    try (var channel = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.CREATE_NEW,
        java.nio.file.StandardOpenOption.WRITE)) {
      channel.write(java.nio.ByteBuffer.wrap(new byte[] {' '}), PublishSettingsParser.MAX_BYTES);
    }

    assertThatThrownBy(() -> PublishSettings.read(file))
        .hasMessageContaining("is 4.0 MiB, far too large for a publish-settings file");
  }

  @Test
  @Timeout(value = 20, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void refusesADeviceWithoutReadingIt() {
    // /dev/zero reports size 0 and never ends: read whole, it exhausted the heap
    assumeThat(Path.of("/dev/zero")).exists();

    assertThatThrownBy(() -> PublishSettings.read(Path.of("/dev/zero")))
        .isInstanceOf(PublishSettingsException.class)
        .hasMessage("publish-settings file '/dev/zero' is a character device, not a regular file;"
            + " publishSettingsFile must name a regular file, the .publishsettings file downloaded from the Azure"
            + " portal");
  }

  @Test
  @Timeout(value = 20, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void refusesAFifoWithoutOpeningIt() throws Exception {
    // opening a fifo for reading blocks until a writer comes: the consumer thread would wait forever
    Path fifo = dir.resolve("settings.publishsettings");
    Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
    assumeThat(mkfifo.waitFor()).as("mkfifo").isZero();

    assertThatThrownBy(() -> PublishSettings.read(fifo))
        .isInstanceOf(PublishSettingsException.class)
        .hasMessageContaining("' is a fifo, not a regular file; publishSettingsFile must name a regular file");
  }

  @Test
  @Timeout(value = 20, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void refusesASymlinkToADeviceNamingWhereItLeads() throws Exception {
    assumeThat(Path.of("/dev/zero")).exists();
    Path link = Files.createSymbolicLink(dir.resolve("link.publishsettings"), Path.of("/dev/zero"));

    assertThatThrownBy(() -> PublishSettings.read(link))
        .hasMessageContaining("' is a character device ('/dev/zero'), not a regular file");
  }
}
