package io.seedship.importmonitor;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** importmonitor-service: watches import jobs and drives in Azure and turns changes into events. */
@SpringBootApplication
public class ImportmonitorServiceApplication {

  /** Its configuration file: named after the service, so several services can share one classpath (one JVM). */
  public static final String CONFIG_NAME = "importmonitor-service";

  public static void main(String[] args) {
    SpringApplication app = new SpringApplication(ImportmonitorServiceApplication.class);
    app.setDefaultProperties(java.util.Map.of("spring.config.name", CONFIG_NAME));
    app.run(args);
  }
}
