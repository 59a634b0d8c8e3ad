package io.seedship.diskprep.drives;

import io.seedship.driveformat.bitlocker.EncryptionMethod;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How this copy machine writes drives ({@code seedship.diskprep.drives.*}).
 *
 * @param journalDir where drive journals live: on the copy machine's own disk, so a write resumes after a crash
 * @param cipher     AES_XTS_128 (Windows' default) or AES_XTS_256
 * @param syncEvery  bytes written between syncs of the drive and journal entries
 */
@Validated
@ConfigurationProperties("seedship.diskprep.drives")
public record DriveFormatProperties(@NotBlank String journalDir, @NotNull EncryptionMethod cipher, @Min(1048576) long syncEvery) {
}
