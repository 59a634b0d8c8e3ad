package io.seedship.cert.preparation;

import static org.assertj.core.api.Assertions.assertThat;

import io.seedship.cert.certificate.OfflineCertificates;
import org.junit.jupiter.api.Test;

class ResourceIdsTest {

  private static final String SUBSCRIPTION = "5eed5417-0000-4000-8000-000000000001";

  @Test
  void aServerKeepsItsResourceIdAndServersDiffer() {
    String mars = ResourceIds.of(SUBSCRIPTION, "mars01");
    assertThat(ResourceIds.of(SUBSCRIPTION.toUpperCase(), "MARS01")).isEqualTo(mars);
    assertThat(ResourceIds.of(SUBSCRIPTION, "mars02")).isNotEqualTo(mars);
    assertThat(ResourceIds.of("5eed5417-0000-4000-8000-000000000002", "mars01")).isNotEqualTo(mars);
    assertThat(mars).matches("[0-9]{1,19}");
    // it fits the subject's 64-character common name, and the certificate rules accept it
    assertThat(OfflineCertificates.subjectFor(mars).length()).isLessThanOrEqualTo(3 + 64);
    assertThat(OfflineCertificates.requireResourceId(mars)).isEqualTo(mars);
  }
}
