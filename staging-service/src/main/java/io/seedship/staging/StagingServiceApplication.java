package io.seedship.staging;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** staging-service: seed request intake and validation; writing the compressed initial backup and its manifest to the staging location. */
@SpringBootApplication
public class StagingServiceApplication {

  /** Its configuration file: named after the service, so several services can share one classpath (one JVM). */
  public static final String CONFIG_NAME = "staging-service";

  public static void main(String[] args) {
    SpringApplication app = new SpringApplication(StagingServiceApplication.class);
    app.setDefaultProperties(java.util.Map.of("spring.config.name", CONFIG_NAME));
    app.run(args);
  }
}
