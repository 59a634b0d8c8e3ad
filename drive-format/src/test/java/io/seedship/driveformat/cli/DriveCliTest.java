package io.seedship.driveformat.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.seedship.driveformat.testing.Commands;
import io.seedship.driveformat.testing.DataSets;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DriveCliTest {

    static final long MIB = 1024 * 1024;

    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {
    }

    private Run cli(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
        ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(outBytes, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(errBytes, true, StandardCharsets.UTF_8));
            int exit = DriveCli.run(args);
            return new Run(exit, outBytes.toString(StandardCharsets.UTF_8), errBytes.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    @Test
    void writesADirectoryOntoADriveKeepsThePasswordPrivateAndVerifiesIt() throws Exception {
        assumeTrue(Commands.available("mkntfs", "ntfscp", "ntfsfallocate"), "needs the Debian package ntfs-3g");
        Path source = Files.createDirectories(dir.resolve("staging/sub dir"));
        DataSets.file(source, "chunk-1.zst", 6 * MIB, 1);
        DataSets.file(source.getParent(), "manifest.json", 900, 2);
        Path image = DataSets.image(dir, "disk1.img", 64 * MIB);
        Path keys = dir.resolve("keys");

        Run plan = cli("plan", "--source", dir.resolve("staging").toString(), "--container", "seeds", "--drive", image + "=WD-1");
        assertThat(plan.exit()).as(plan.err()).isZero();
        assertThat(plan.out()).contains("drive WD-1").contains("/seeds/sub dir/chunk-1.zst").contains("/seeds/manifest.json");
        assertThat(Files.exists(keys)).isFalse();

        Run write = cli("write", "--source", dir.resolve("staging").toString(), "--container", "seeds", "--drive", image + "=WD-1",
                "--keys", keys.toString(), "--journal", dir.resolve("journal").toString(), "--no-progress");
        assertThat(write.exit()).as(write.err()).isZero();
        Path passwordFile = keys.resolve("WD-1.recovery-password");
        String password = Files.readString(passwordFile).strip();
        assertThat(Files.getPosixFilePermissions(passwordFile)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(write.out()).contains("manifest hash:").contains("verified:          3 blocks of 2 blobs match the manifest")
                .doesNotContain(password);
        assertThat(write.err()).doesNotContain(password);

        Run verify = cli("verify", "--drive", image.toString(), "--password-file", passwordFile.toString(), "--no-progress");
        assertThat(verify.exit()).as(verify.err()).isZero();
        assertThat(verify.out()).contains("drive WD-1: 2 blobs, 3 blocks").contains("OK: every block matches the manifest");
    }

    @Test
    void badInputGetsAClearMessageAndNoStackTrace() throws Exception {
        Path image = DataSets.image(dir, "disk2.img", 32 * MIB);
        Run missing = cli("plan", "--source", dir.resolve("nowhere").toString(), "--container", "seeds", "--drive", image.toString());
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("nowhere: --source must be a directory").doesNotContain("at io.seedship");

        Files.createDirectories(dir.resolve("src"));
        DataSets.file(dir.resolve("src"), "big", 40 * MIB, 3);
        Run tooBig = cli("plan", "--source", dir.resolve("src").toString(), "--container", "seeds", "--drive", image + "=D1");
        assertThat(tooBig.exit()).isEqualTo(2);
        assertThat(tooBig.err()).contains("does not fit the 1 drive(s) given");

        Files.writeString(dir.resolve("bad-password"), "123456-123456\n");
        Run badPassword = cli("verify", "--drive", image.toString(), "--password-file", dir.resolve("bad-password").toString());
        assertThat(badPassword.exit()).isEqualTo(2);
        assertThat(badPassword.err()).contains("bad-password: does not hold a valid recovery password");
    }

    @Test
    void aFileNameTheManifestCannotCarryIsRefusedBeforeTheDriveIsTouched() throws Exception {
        Path source = Files.createDirectories(dir.resolve("staging"));
        DataSets.file(source, "good.bin", 300 * 1024, 4);
        DataSets.file(source, "bad\u0001name.bin", 300 * 1024, 5);
        Path image = DataSets.image(dir, "disk3.img", 64 * MIB);
        Files.write(image, new byte[] {1, 2, 3}, java.nio.file.StandardOpenOption.WRITE); // content to compare, erased only by a write
        String before = sha256(image);
        Path keys = dir.resolve("keys");
        Path journal = dir.resolve("journal");

        Run plan = cli("plan", "--source", source.toString(), "--container", "seeds", "--drive", image + "=WD-3");
        assertThat(plan.exit()).isEqualTo(2);
        assertThat(plan.err()).contains("bad").contains("'/seeds/bad\\u0001name.bin'").contains("control character U+0001")
                .doesNotContain("at io.seedship");

        Run write = cli("write", "--source", source.toString(), "--container", "seeds", "--drive", image + "=WD-3", "--overwrite",
                "--keys", keys.toString(), "--journal", journal.toString(), "--no-progress");
        assertThat(write.exit()).as(write.out()).isEqualTo(2);
        assertThat(write.err()).contains("control character U+0001");
        assertThat(sha256(image)).isEqualTo(before);
        assertThat(Files.exists(keys)).isFalse();
        assertThat(Files.exists(journal)).isFalse();
    }

    @Test
    void aRefusedDriveGetsNoRecoveryPasswordAndNoJournal() throws Exception {
        assumeTrue(Commands.available("mkntfs"), "needs the Debian package ntfs-3g");
        Path source = Files.createDirectories(dir.resolve("staging"));
        DataSets.file(source, "chunk.bin", 2 * MIB, 6);
        Path used = DataSets.image(dir, "used.img", 64 * MIB);
        assertThat(Commands.run("mkntfs", "-F", "-Q", "-q", used.toString()).exit()).isZero();
        String before = sha256(used);
        Path keys = dir.resolve("keys");
        Path journal = dir.resolve("journal");

        Run write = cli("write", "--source", source.toString(), "--container", "seeds", "--drive", used + "=USED-1",
                "--keys", keys.toString(), "--journal", journal.toString(), "--no-progress");
        assertThat(write.exit()).as(write.out()).isEqualTo(2);
        assertThat(write.err()).contains("used.img: is not empty (an NTFS volume): pass overwrite to erase it");
        assertThat(sha256(used)).isEqualTo(before);
        assertThat(keys).as("no recovery password for a refused drive").doesNotExist();
        assertThat(journal).as("no journal for a refused drive").doesNotExist();
    }

    @Test
    void entriesThatAreNotFilesAreRefusedEachNamedWithWhatItIs() throws Exception {
        Path source = Files.createDirectories(dir.resolve("staging/sub"));
        DataSets.file(source, "chunk.bin", 100 * 1024, 7);
        Path pipe = source.resolve("a-pipe");
        assertThat(new ProcessBuilder("mkfifo", pipe.toString()).start().waitFor()).isZero();
        Path broken = Files.createSymbolicLink(source.getParent().resolve("gone.bin"), dir.resolve("nowhere.bin"));
        Path linked = Files.createSymbolicLink(source.getParent().resolve("linked.bin"), source.resolve("chunk.bin"));
        Path image = DataSets.image(dir, "disk4.img", 64 * MIB);

        Run plan = cli("plan", "--source", dir.resolve("staging").toString(), "--container", "seeds", "--drive", image + "=WD-4");
        assertThat(plan.exit()).as(plan.out()).isEqualTo(2);
        assertThat(plan.err()).contains("2 entries are neither a regular file nor a directory")
                .contains(pipe + " (a FIFO (named pipe))")
                .contains(broken + " (a broken symbolic link to " + dir.resolve("nowhere.bin") + ")")
                .doesNotContain(linked.toString()).doesNotContain("at io.seedship");

        Files.delete(pipe);
        Files.delete(broken);
        Run fine = cli("plan", "--source", dir.resolve("staging").toString(), "--container", "seeds", "--drive", image + "=WD-4");
        assertThat(fine.exit()).as(fine.err()).isZero();
        assertThat(fine.out()).contains("/seeds/linked.bin <- " + linked).contains("/seeds/sub/chunk.bin");
    }

    static String sha256(Path file) throws Exception {
        java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
        try (var in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 20];
            for (int n; (n = in.read(buffer)) > 0; ) {
                sha.update(buffer, 0, n);
            }
        }
        return java.util.HexFormat.of().formatHex(sha.digest());
    }
}
