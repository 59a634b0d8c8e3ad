package io.seedship.cert;

import io.seedship.runtime.secrets.KeyEncryptionKey;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.seedship.runtime.test.ServiceRunner;
import io.seedship.runtime.test.TestDatabases;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** cert-service never runs in a state where it would store a private key unsealed. */
class CertServiceStartupTest {

  @Test
  void refusesToStartWithoutAKeyEncryptionKey() {
    Map<String, Object> props = new HashMap<>(CertServiceContract.azureSettings(
        io.seedship.localazure.test.TestLocalAzure.shared()));
    props.put("spring.config.name", CertServiceApplication.CONFIG_NAME);
    assertThatThrownBy(() -> ServiceRunner.start(CertServiceApplication.class, "cert-service",
        TestDatabases.h2("cert-no-kek"), props).close())
        .rootCause().hasMessageContaining("key-encryption key").hasMessageContaining("seedship.cert.kek-file");
  }
}
