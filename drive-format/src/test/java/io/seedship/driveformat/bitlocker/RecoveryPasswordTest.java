package io.seedship.driveformat.bitlocker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class RecoveryPasswordTest {

    private static final String VALID = "235818-357951-253979-013365-241120-245575-342914-591910";

    @Test
    void parsesAndRevealsTheSameDigits() {
        RecoveryPassword rp = RecoveryPassword.parse(VALID);
        assertThat(rp.reveal()).isEqualTo(VALID);
        assertThat(RecoveryPassword.parse(" " + VALID.replace("-", "") + "\n")).isEqualTo(rp);
        assertThat(RecoveryPassword.parse(VALID.replace("-", " - "))).isEqualTo(rp);
    }

    @Test
    void keyIsTheEightWordsLittleEndian() {
        // 235818 / 11 = 21438 = 0x53BE, 357951 / 11 = 32541 = 0x7F1D, ... 013365 / 11 = 1215 = 0x04BF
        byte[] key = RecoveryPassword.parse(VALID).key();
        assertThat(HexFormat.of().formatHex(key)).startsWith("be531d7f").hasSize(32);
        assertThat(key[6] & 0xff | (key[7] & 0xff) << 8).isEqualTo(13365 / 11);
        key[0] = 0;
        assertThat(RecoveryPassword.parse(VALID).key()[0]).isEqualTo((byte) 0xbe); // a copy
    }

    @Test
    void leadingZerosAreKept() {
        RecoveryPassword rp = RecoveryPassword.parse("000000-000011-720885-000000-000000-000000-000000-000000");
        assertThat(rp.reveal()).isEqualTo("000000-000011-720885-000000-000000-000000-000000-000000");
    }

    @Test
    void generatedPasswordsAreValidAndDiffer() {
        SecureRandom random = new SecureRandom();
        RecoveryPassword a = RecoveryPassword.generate(random);
        RecoveryPassword b = RecoveryPassword.generate(random);
        assertThat(RecoveryPassword.parse(a.reveal())).isEqualTo(a).hasSameHashCodeAs(a);
        assertThat(a).isNotEqualTo(b);
        assertThat(a.reveal()).matches("(\\d{6}-){7}\\d{6}");
    }

    @Test
    void toStringIsRedacted() {
        RecoveryPassword rp = RecoveryPassword.parse(VALID);
        assertThat(rp.toString()).isEqualTo("RecoveryPassword[redacted]").doesNotContain("235818");
    }

    @Test
    void errorsNameTheGroupAndTheRuleButNotTheDigits() {
        String badGroup3 = "235818-357951-253978-013365-241120-245575-342914-591910";
        assertThatThrownBy(() -> RecoveryPassword.parse(badGroup3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("group 3").hasMessageContaining("multiple of 11")
                .hasMessageNotContaining("253978").hasMessageNotContaining("235818");
        assertThatThrownBy(() -> RecoveryPassword.parse("235818-357951-253979-013365-241120-245575-342914-720896"))
                .hasMessageContaining("group 8").hasMessageContaining("below 720896");
        assertThatThrownBy(() -> RecoveryPassword.parse("235818-357951-253979-01336a-241120-245575-342914-591910"))
                .hasMessageContaining("group 4").hasMessageContaining("6 digits").hasMessageNotContaining("01336");
        assertThatThrownBy(() -> RecoveryPassword.parse("235818-35795-253979-013365-241120-245575-342914-591910"))
                .hasMessageContaining("group 2").hasMessageContaining("6 digits");
        assertThatThrownBy(() -> RecoveryPassword.parse("235818-357951-253979-013365-241120-245575-342914"))
                .hasMessageContaining("8 groups").hasMessageNotContaining("235818");
        assertThatThrownBy(() -> RecoveryPassword.parse("12345"))
                .hasMessageContaining("8 groups").hasMessageNotContaining("12345");
    }
}
