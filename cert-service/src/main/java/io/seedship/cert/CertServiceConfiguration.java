package io.seedship.cert;

import io.micrometer.core.instrument.MeterRegistry;
import io.seedship.cert.certificate.CertificatePolicy;
import io.seedship.cert.config.CertProperties;
import io.seedship.runtime.secrets.KeyEncryptionKey;
import io.seedship.cert.keys.KeyWrapper;
import io.seedship.cert.keys.PrivateKeyVault;
import io.seedship.cert.messaging.PrepareServerOnSeedAccepted;
import io.seedship.cert.persistence.BackupServerRepository;
import io.seedship.cert.persistence.BackupServerStorage;
import io.seedship.cert.persistence.DatabaseKeyVault;
import io.seedship.cert.persistence.OfflineApplicationRepository;
import io.seedship.cert.persistence.OfflineCertificateRepository;
import io.seedship.cert.persistence.PrivateKeyRepository;
import io.seedship.cert.preparation.ServerFilesWriter;
import io.seedship.cert.preparation.ServerPreparation;
import io.seedship.cert.work.PrepareServerWork;
import io.seedship.runtime.azure.AzureClients;
import io.seedship.runtime.config.SeedshipProperties;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CertProperties.class)
class CertServiceConfiguration {

  /** The key-encryption key: refused at startup when missing or malformed, so no key is ever stored unsealed. */
  @Bean
  KeyWrapper keyWrapper(CertProperties properties) throws java.io.IOException {
    KeyEncryptionKey active;
    if (properties.getKekFile() != null && properties.getKek() != null) {
      throw new IllegalStateException("seedship.cert.kek-file and seedship.cert.kek are both set: give one");
    }
    if (properties.getKekFile() != null) {
      Path file = Path.of(properties.getKekFile());
      active = properties.isGenerateKekFile() ? KeyEncryptionKey.loadOrGenerate(file) : KeyEncryptionKey.fromFile(file);
    } else if (properties.getKek() != null) {
      active = KeyEncryptionKey.fromBase64(properties.getKekId(), properties.getKek());
    } else {
      throw new IllegalStateException("cert-service needs a key-encryption key to store private keys: set "
          + "seedship.cert.kek-file (a mode-600 file holding id:base64 of 32 random bytes) or seedship.cert.kek "
          + "(SEEDSHIP_CERT_KEK, base64 of 32 random bytes) with seedship.cert.kek-id");
    }
    List<KeyEncryptionKey> previous = new ArrayList<>();
    for (String file : properties.getPreviousKekFiles()) {
      previous.add(KeyEncryptionKey.fromFile(Path.of(file)));
    }
    return new KeyWrapper(active, previous);
  }

  @Bean
  PrivateKeyVault privateKeyVault(PrivateKeyRepository keys, KeyWrapper wrapper, Clock clock) {
    return new DatabaseKeyVault(keys, wrapper, clock);
  }

  @Bean
  CertificatePolicy certificatePolicy(CertProperties properties) {
    return new CertificatePolicy(properties.getValidity(), properties.getRenewBefore(), properties.getRsaBits());
  }

  @Bean
  BackupServerStorage backupServerStorage(JdbcTemplate jdbc) {
    return new BackupServerStorage(jdbc);
  }

  @Bean
  ServerPreparation serverPreparation(AzureClients azure, OfflineApplicationRepository applications,
                                      OfflineCertificateRepository certificates, BackupServerRepository servers,
                                      BackupServerStorage storage, PrivateKeyVault keys, CertificatePolicy policy,
                                      CertProperties properties, SeedshipProperties seedship, JdbcTemplate jdbc,
                                      PlatformTransactionManager transactions, MeterRegistry meters, Clock clock) {
    Path serverFiles = properties.getServerFilesDir() != null ? Path.of(properties.getServerFilesDir())
        : Path.of(seedship.getDataDir(), "cert-service", "server-files");
    return new ServerPreparation(azure, applications, certificates, servers, storage, keys,
        new ServerFilesWriter(serverFiles, azure), policy, properties.getProveTimeout(),
        properties.getDefaultAzureUserId(), jdbc, transactions, meters, clock);
  }

  @Bean
  PrepareServerOnSeedAccepted prepareServerOnSeedAccepted() {
    return new PrepareServerOnSeedAccepted();
  }

  @Bean
  PrepareServerWork prepareServerWork(ServerPreparation preparation, PlatformTransactionManager transactions) {
    return new PrepareServerWork(preparation, new TransactionTemplate(transactions));
  }
}
