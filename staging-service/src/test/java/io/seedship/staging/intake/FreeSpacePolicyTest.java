package io.seedship.staging.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FreeSpacePolicyTest {

  @Test
  void needsTheEstimatePlusTheMarginPlusTheReserve() {
    assertThat(new FreeSpacePolicy(0.10, 0).needed(1_000)).isEqualTo(1_100);
    assertThat(new FreeSpacePolicy(0.10, 500).needed(1_000)).isEqualTo(1_600);
    assertThat(new FreeSpacePolicy(0.10, 0).needed(1)).as("the margin rounds up").isEqualTo(2);
    assertThat(FreeSpacePolicy.DEFAULT.needed(0)).isEqualTo(1L << 30);
  }

  @Test
  void saturatesInsteadOfOverflowing() {
    assertThat(new FreeSpacePolicy(0.5, Long.MAX_VALUE / 2).needed(Long.MAX_VALUE / 2)).isEqualTo(Long.MAX_VALUE);
    assertThat(new FreeSpacePolicy(100, 0).needed(Long.MAX_VALUE / 4)).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void explainsItselfInHumanUnits() {
    assertThat(FreeSpacePolicy.DEFAULT.explain(10L << 30))
        .isEqualTo("10.0 GiB estimated compressed size + 10% margin + 1.0 GiB reserve");
    assertThat(new FreeSpacePolicy(0.125, 0).explain(1536)).isEqualTo("1.5 KiB estimated compressed size + 12.5%"
        + " margin + 0 B reserve");
  }

  @ParameterizedTest
  @CsvSource({"-0.1, 0, a fraction of at least 0", "NaN, 0, a fraction of at least 0",
      "Infinity, 0, a fraction of at least 0", "0.1, -1, at least 0 bytes"})
  void refusesANegativeOrUndefinedMargin(double fraction, long reserve, String expected) {
    assertThatThrownBy(() -> new FreeSpacePolicy(fraction, reserve)).hasMessageContaining(expected);
  }

  @ParameterizedTest
  @CsvSource({"0, 0 B", "1023, 1023 B", "1024, 1.0 KiB", "1572864, 1.5 MiB", "1099511627776, 1.0 TiB",
      "9223372036854775807, 8.0 EiB"})
  void byteSizesReadForPeople(long bytes, String expected) {
    assertThat(ByteSizes.human(bytes)).isEqualTo(expected);
  }
}
