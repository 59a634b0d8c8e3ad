package io.seedship.diskprep.drives;

import io.seedship.driveformat.write.DriveWriter;
import java.nio.file.Path;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The drive writer of the drive-format library, configured for this copy machine. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DriveFormatProperties.class)
public class DriveFormatConfiguration {

    /**
     * Overwriting is on: the operator's confirmation naming each drive is the permission to erase it, and the agent
     * refuses, before the writer sees it, a drive that may already be prepared (work.WriteDrivesWork).
     */
    @Bean
    DriveWriter driveWriter(DriveFormatProperties properties) {
        Path journal = Path.of(properties.journalDir());
        return new DriveWriter(DriveWriter.Options.defaults(journal, journal.resolve("scratch"))
                .withMethod(properties.cipher()).withSyncEvery(properties.syncEvery()).withOverwrite(true));
    }
}
