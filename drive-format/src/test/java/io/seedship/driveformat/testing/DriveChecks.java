package io.seedship.driveformat.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.seedship.driveformat.bitlocker.RecoveryPassword;
import io.seedship.driveformat.manifest.Base16;
import io.seedship.driveformat.manifest.DriveManifest;
import io.seedship.driveformat.manifest.ManifestBlob;
import io.seedship.driveformat.manifest.ManifestBlock;
import io.seedship.driveformat.manifest.ManifestXml;
import io.seedship.driveformat.plan.DrivePlan;
import io.seedship.driveformat.plan.PlannedFile;
import io.seedship.driveformat.write.WrittenDrive;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Judges a written drive by the independent readers: dislocker, ntfscat, cryptsetup. */
public final class DriveChecks {

    private DriveChecks() {
    }

    /**
     * dislocker-file opens the drive with the recovery password; ntfscat returns every planned file byte-identical to its
     * source and the manifest, whose hash is the one reported and whose every block MD5 matches the source;
     * cryptsetup parses the metadata and accepts the right password only.
     */
    public static DriveManifest assertReadersAgree(DrivePlan plan, WrittenDrive written, RecoveryPassword password,
                                                   String cipher, Path work) throws Exception {
        Path device = plan.target().device();
        Path plain = work.resolve(plan.target().driveId() + ".ntfs");
        assertThat(Commands.dislocker(device, password.reveal(), plain))
                .as("dislocker-file opens %s with its recovery password", device).isTrue();
        DriveManifest manifest;
        try {
            for (PlannedFile file : plan.files()) {
                byte[] expected = Files.readAllBytes(file.source().path());
                assertThat(Arrays.equals(Commands.ntfscat(plain, file.filePath()), expected))
                        .as("ntfscat %s equals %s", file.filePath(), file.source().path()).isTrue();
            }
            byte[] manifestBytes = Commands.ntfscat(plain, written.manifestFile());
            assertThat(Base16.md5(manifestBytes)).isEqualTo(written.manifestHash());
            manifest = ManifestXml.read(new ByteArrayInputStream(manifestBytes));
            assertThat(manifest.driveId()).isEqualTo(plan.target().driveId());
            Map<String, PlannedFile> byBlob = plan.files().stream()
                    .collect(Collectors.toMap(f -> f.source().blobPath(), Function.identity()));
            assertThat(manifest.blobs()).extracting(ManifestBlob::blobPath).containsExactlyInAnyOrderElementsOf(byBlob.keySet());
            for (ManifestBlob blob : manifest.blobs()) {
                PlannedFile file = byBlob.get(blob.blobPath());
                assertThat(blob.filePath()).isEqualTo(file.filePath());
                byte[] source = Files.readAllBytes(file.source().path());
                assertThat(blob.length()).isEqualTo(source.length);
                for (ManifestBlock block : blob.blocks()) {
                    byte[] bytes = Arrays.copyOfRange(source, (int) block.offset(), (int) (block.offset() + block.length()));
                    assertThat(block.md5()).as("%s block %d", blob.blobPath(), block.offset()).isEqualTo(Base16.md5(bytes));
                }
            }
            assertThat(written.driveHeaderHash()).matches("0:1048576:[0-9A-F]{128}(;\\d+:\\d+:[0-9A-F]{128})*");
        } finally {
            Files.deleteIfExists(plain);
        }
        Commands.Result dump = Commands.run("cryptsetup", "bitlkDump", device.toString());
        assertThat(dump.exit()).as(dump.output()).isZero();
        assertThat(dump.output()).contains(cipher).contains("recovery passphrase");
        Commands.Result right = Commands.runWithInput(password.reveal() + "\n", "cryptsetup", "open", "--type", "bitlk", "--test-passphrase",
                device.toString());
        assertThat(right.exit()).as("cryptsetup accepts the recovery password: " + right.output()).isZero();
        Commands.Result wrong = Commands.runWithInput(RecoveryPassword.generate(new SecureRandom()).reveal() + "\n", "cryptsetup", "open",
                "--type", "bitlk", "--test-passphrase", device.toString());
        assertThat(wrong.exit()).as("cryptsetup refuses another recovery password").isNotZero();
        return manifest;
    }

    /** SHA-256 of a whole file: to prove a refused drive was not touched. */
    public static String sha256(Path file) throws Exception {
        var digest = Base16.digest("SHA-256");
        try (var in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 20];
            int n;
            while ((n = in.read(buffer)) > 0) {
                digest.update(buffer, 0, n);
            }
        }
        return Base16.of(digest.digest());
    }
}
