package io.seedship.driveformat.bitlocker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.seedship.driveformat.volume.FileVolume;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Reads the BitLocker volumes Windows made for cryptsetup's test suite. cryptsetup's bitlk-compat-test hashes its
 * whole dm mapping (sectors 0-15 from the header backup, metadata and backup areas as zeros, the rest decrypted):
 * the SHA256SUM of images.conf. The decrypted view must hash the same.
 */
class WindowsImagesTest {

    private static final List<String> REPORT = new CopyOnWriteArrayList<>();

    /** The AES-XTS images with a recovery password and a reference hash (all but the encrypt-on-write one). */
    static List<String> xtsImages() throws Exception {
        Map<String, Map<String, String>> conf = WindowsImages.conf();
        return WindowsImages.xtsWithRecoveryPassword().stream()
                .filter(name -> !conf.get(name).getOrDefault("SHA256SUM", "").isEmpty()).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("xtsImages")
    void decryptedViewHashesAsCryptsetupsMapping(String name) throws Exception {
        Map<String, String> conf = WindowsImages.conf().get(name);
        try (BitLockerVolume volume = BitLockerVolume.unlock(FileVolume.open(WindowsImages.image(name)),
                RecoveryPassword.parse(conf.get("RP")))) {
            assertThat(volume.layout().volumeGuid()).isEqualTo(UUID.fromString(conf.get("GUID")));
            assertThat(TestFiles.sha256(volume)).as(name).isEqualTo(conf.get("SHA256SUM"));
            REPORT.add(name + ": SHA-256 of the decrypted view matches (" + volume.method() + ", "
                    + volume.layout().sectorSize() + "-byte sectors)");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("xtsImages")
    void wrongRecoveryPasswordIsRefused(String name) throws Exception {
        RecoveryPassword wrong = RecoveryPassword.parse("000000-000011-000022-000033-000044-000055-000066-000077");
        assertThatThrownBy(() -> BitLockerVolume.unlock(FileVolume.open(WindowsImages.image(name)), wrong))
                .isInstanceOfSatisfying(BitLockerException.class,
                        e -> assertThat(e.reason()).isEqualTo(BitLockerException.Reason.WRONG_PASSWORD));
    }

    @Test
    void secondRecoveryPasswordOpensToo() throws Exception {
        String name = "bitlk-aes-xts-128-two-recovery";
        Map<String, String> conf = WindowsImages.conf().get(name);
        try (BitLockerVolume volume = BitLockerVolume.unlock(FileVolume.open(WindowsImages.image(name)),
                RecoveryPassword.parse(conf.get("RP2")))) {
            assertThat(TestFiles.sha256(volume)).isEqualTo(conf.get("SHA256SUM"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"bitlk-aes-cbc-128", "bitlk-aes-cbc-256", "bitlk-aes-cbc-elephant-128",
            "bitlk-aes-cbc-elephant-256", "bitlk-aes-cbc-128-4k", "bitlk-togo-aes-cbc-128",
            "bitlk-partially-encrypted-aes-cbc-128"})
    void aesCbcIsUnsupported(String name) throws Exception {
        RecoveryPassword rp = RecoveryPassword.parse(WindowsImages.conf().get(name).get("RP"));
        assertThatThrownBy(() -> BitLockerVolume.unlock(FileVolume.open(WindowsImages.image(name)), rp))
                .isInstanceOfSatisfying(BitLockerException.class, e -> {
                    assertThat(e.reason()).isEqualTo(BitLockerException.Reason.UNSUPPORTED);
                    assertThat(e.getMessage()).contains("AES-CBC").contains("only AES-XTS");
                });
        REPORT.add(name + ": UNSUPPORTED as expected");
    }

    @Test
    void encryptOnWriteIsUnsupported() throws Exception {
        // used-space-only encryption leaves never-written sectors in plaintext (its header backup is plaintext NTFS):
        // cryptsetup refuses to map it and images.conf has no reference hash
        String name = "bitlk-aes-xts-128-eow";
        RecoveryPassword rp = RecoveryPassword.parse(WindowsImages.conf().get(name).get("RP"));
        assertThatThrownBy(() -> BitLockerVolume.unlock(FileVolume.open(WindowsImages.image(name)), rp))
                .isInstanceOfSatisfying(BitLockerException.class, e -> {
                    assertThat(e.reason()).isEqualTo(BitLockerException.Reason.UNSUPPORTED);
                    assertThat(e.getMessage()).contains("encrypted on write");
                });
        REPORT.add(name + ": UNSUPPORTED (encrypt-on-write)");
    }

    @Test
    void clearKeyOnlyHasNoRecoveryPassword() throws Exception {
        RecoveryPassword rp = RecoveryPassword.parse("000000-000011-000022-000033-000044-000055-000066-000077");
        assertThatThrownBy(() -> BitLockerVolume.unlock(FileVolume.open(WindowsImages.image("bitlk-aes-xts-128-clearkey-only")), rp))
                .isInstanceOfSatisfying(BitLockerException.class, e -> {
                    assertThat(e.reason()).isEqualTo(BitLockerException.Reason.UNSUPPORTED);
                    assertThat(e.getMessage()).contains("no recovery-password protector");
                });
    }

    @AfterAll
    static void report() {
        System.out.println("Windows-made BitLocker images:");
        REPORT.stream().sorted().forEach(line -> System.out.println("  " + line));
    }
}
