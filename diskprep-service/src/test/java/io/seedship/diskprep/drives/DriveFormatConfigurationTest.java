package io.seedship.diskprep.drives;

import static org.assertj.core.api.Assertions.assertThat;

import io.seedship.driveformat.write.DriveWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;

class DriveFormatConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(DriveFormatConfiguration.class);

    @Test
    void theWriterJournalsWhereTheCopyMachineIsConfiguredTo() {
        runner.withPropertyValues("seedship.diskprep.drives.journal-dir=/var/lib/seedship/journal",
                        "seedship.diskprep.drives.cipher=AES_XTS_256", "seedship.diskprep.drives.sync-every=67108864")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(DriveWriter.class).journalFile("WD-1"))
                            .isEqualTo(Path.of("/var/lib/seedship/journal/WD-1.journal"));
                });
    }

    @Test
    void aBadSettingStopsTheServiceNamingIt() {
        runner.withPropertyValues("seedship.diskprep.drives.journal-dir=/j", "seedship.diskprep.drives.cipher=AES_CBC_128",
                        "seedship.diskprep.drives.sync-every=1")
                .run(context -> assertThat(context).hasFailed().getFailure()
                        .hasStackTraceContaining("seedship.diskprep.drives.cipher"));
        runner.withPropertyValues("seedship.diskprep.drives.journal-dir=/j", "seedship.diskprep.drives.cipher=AES_XTS_128",
                        "seedship.diskprep.drives.sync-every=1")
                .run(context -> assertThat(context).hasFailed().getFailure()
                        .hasStackTraceContaining("syncEvery"));
    }
}
