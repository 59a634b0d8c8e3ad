package io.seedship.diskprep.config;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The disk-prep agent of one copy machine ({@code seedship.diskprep.*}).
 *
 * @param copyMachine        this copy machine's id: seeds name it in {@code copyMachine}, confirmations too
 * @param systemDrives       offer the operating system's drives (false on a development machine that offers only
 *                           the image bay)
 * @param allowVirtualDrives accept loop devices and image files as drives: development and tests only
 * @param imageBay           a directory whose {@code <serial>.img} files stand in for drives (development and
 *                           tests); empty for none
 * @param inventoryInterval  how often the drives are read again, to notice drives that come and go
 * @param progressInterval   how often a drive write reports its progress
 * @param maxConcurrentWrites seeds whose drives this agent writes at once (each writes its drives one after another)
 * @param kekFile            the key-encryption key that seals recovery passwords at rest: a file only this agent's
 *                           user can read, made at first start when {@code generateKekFile} is true
 * @param previousKekFiles   older key-encryption keys, still opening passwords sealed before a rotation
 * @param diagnosticsPath    the storage container the datacenter writes its copy logs to
 */
@Validated
@ConfigurationProperties("seedship.diskprep")
public record DiskprepProperties(@NotBlank String copyMachine, @DefaultValue("true") boolean systemDrives,
                                 @DefaultValue("false") boolean allowVirtualDrives,
                                 @DefaultValue("") String imageBay,
                                 @DefaultValue("5s") @NotNull Duration inventoryInterval,
                                 @DefaultValue("5s") @NotNull Duration progressInterval,
                                 @DefaultValue("1") int maxConcurrentWrites,
                                 @NotBlank String kekFile, @DefaultValue("true") boolean generateKekFile,
                                 @DefaultValue List<String> previousKekFiles,
                                 @DefaultValue("waimportexport") @NotBlank String diagnosticsPath) {
}
