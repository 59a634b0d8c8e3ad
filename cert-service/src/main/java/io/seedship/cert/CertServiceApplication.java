package io.seedship.cert;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** cert-service: azure AD application and certificate per subscription and user; the params files for the backup server. */
@SpringBootApplication
public class CertServiceApplication {

  /** Its configuration file: named after the service, so several services can share one classpath (one JVM). */
  public static final String CONFIG_NAME = "cert-service";

  public static void main(String[] args) {
    SpringApplication app = new SpringApplication(CertServiceApplication.class);
    app.setDefaultProperties(java.util.Map.of("spring.config.name", CONFIG_NAME));
    app.run(args);
  }
}
