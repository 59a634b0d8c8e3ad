package io.seedship.vault;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** vault-service: copy from the storage account into the Recovery Services vault, recovery point, the public completion event. */
@SpringBootApplication
public class VaultServiceApplication {

  /** Its configuration file: named after the service, so several services can share one classpath (one JVM). */
  public static final String CONFIG_NAME = "vault-service";

  public static void main(String[] args) {
    SpringApplication app = new SpringApplication(VaultServiceApplication.class);
    app.setDefaultProperties(java.util.Map.of("spring.config.name", CONFIG_NAME));
    app.run(args);
  }
}
