package io.seedship.vault;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** vault-service: copy from the storage account into the Recovery Services vault, recovery point, the public completion event. */
@SpringBootApplication
public class VaultServiceApplication {

  public static void main(String[] args) {
    SpringApplication.run(VaultServiceApplication.class, args);
  }
}
