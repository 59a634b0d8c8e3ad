package io.seedship.diskprep.flow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.seedship.diskprep.DiskprepServiceApplication;
import io.seedship.diskprep.custody.RecoveryPasswords;
import io.seedship.diskprep.persistence.DriveWriteState;
import io.seedship.diskprep.persistence.PrepDrive;
import io.seedship.diskprep.persistence.PrepDriveRepository;
import io.seedship.diskprep.persistence.PrepSeed;
import io.seedship.diskprep.persistence.PrepSeedRepository;
import io.seedship.driveformat.bitlocker.RecoveryPassword;
import io.seedship.localazure.LocalAzure;
import io.seedship.localazure.test.TestLocalAzure;
import io.seedship.runtime.secrets.KeyEncryptionKey;
import io.seedship.runtime.secrets.SecretSealer;
import io.seedship.runtime.security.SeedshipRole;
import io.seedship.runtime.test.ServiceHttp;
import io.seedship.runtime.test.ServiceRunner;
import io.seedship.runtime.test.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A rotation of the agent's key-encryption key: restarted with a new KEK and the old one as previous, the agent seals
 * every stored recovery password again under the new KEK, so the old one can then be dropped without losing one.
 */
@Timeout(180)
class KekRotationTest {

  final LocalAzure azure = TestLocalAzure.shared();

  @TempDir
  Path home;

  @Test
  void theNewKekResealsEveryPasswordAndTheOldOneCanGo() throws Exception {
    Path oldKek = home.resolve("kek-1");
    Path newKek = home.resolve("kek-2");
    Map<String, Object> database = TestDatabases.h2("diskprep-kek-" + System.nanoTime());
    RecoveryPassword password;
    String oldId;

    try (ConfigurableApplicationContext agent = start(database, oldKek, List.of())) {
      RecoveryPasswords passwords = agent.getBean(RecoveryPasswords.class);
      password = passwords.generate();
      PrepDrive drive = PrepDrive.confirmed("ROTATE-1", "seed-rotate", 0, "/dev/null", 1L << 30, Instant.now())
          .writing(passwords.seal("ROTATE-1", password));
      agent.getBean(PrepSeedRepository.class).save(PrepSeed.accepted("seed-rotate", new byte[] {1}, Instant.now()));
      agent.getBean(PrepDriveRepository.class).save(drive);
      oldId = SecretSealer.keyIdOf(drive.recoveryPassword());
    }
    KeyEncryptionKey.generateFile(newKek);

    try (ConfigurableApplicationContext agent = start(database, newKek, List.of(oldKek.toString()))) {
      byte[] sealed = agent.getBean(PrepDriveRepository.class).findById("ROTATE-1").orElseThrow().recoveryPassword();
      assertThat(SecretSealer.keyIdOf(sealed)).as("sealed again under the new KEK")
          .isEqualTo(agent.getBean(RecoveryPasswords.class).activeKeyId()).isNotEqualTo(oldId);
      assertThat(agent.getBean(PrepDriveRepository.class).findById("ROTATE-1").orElseThrow().state())
          .isEqualTo(DriveWriteState.WRITING);
    }

    // the old KEK retired: the password is still handed out, unchanged
    try (ConfigurableApplicationContext agent = start(database, newKek, List.of())) {
      var response = ServiceHttp.as(agent, azure, SeedshipRole.KEY_CUSTODIAN)
          .post("/api/drives/ROTATE-1/recovery-password", "{\"reason\": \"rotation test\"}");
      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
      assertThat(new ObjectMapper().readTree(response.body()).path("recoveryPassword").asText())
          .isEqualTo(password.reveal());
    }
  }

  ConfigurableApplicationContext start(Map<String, Object> database, Path kek, List<String> previous)
      throws Exception {
    Map<String, Object> props = new HashMap<>(DiskprepFixture.azureSettings(azure));
    props.put("spring.config.name", DiskprepServiceApplication.CONFIG_NAME);
    props.put("logging.file.name", home.resolve("diskprep-service.log").toString());
    props.put("seedship.diskprep.kek-file", kek.toString());
    if (!previous.isEmpty()) {
      props.put("seedship.diskprep.previous-kek-files", String.join(",", previous));
    }
    props.put("seedship.diskprep.copy-machine", DiskprepFixture.COPY_MACHINE);
    props.put("seedship.diskprep.system-drives", "false");
    props.put("seedship.diskprep.image-bay", Files.createDirectories(home.resolve("bay")).toString());
    props.put("seedship.diskprep.drives.journal-dir", home.resolve("journal").toString());
    return ServiceRunner.start(DiskprepServiceApplication.class, "diskprep-service", database, props);
  }
}
