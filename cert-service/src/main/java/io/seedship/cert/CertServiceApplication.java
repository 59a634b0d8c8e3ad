package io.seedship.cert;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** cert-service: azure AD application and certificate per subscription and user; the params files for the backup server. */
@SpringBootApplication
public class CertServiceApplication {

  public static void main(String[] args) {
    SpringApplication.run(CertServiceApplication.class, args);
  }
}
