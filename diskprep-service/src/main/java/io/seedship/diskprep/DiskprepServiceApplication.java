package io.seedship.diskprep;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** diskprep-service: agent on a copy machine: drive inventory and checks, BitLocker, copy with spanning, drive manifest, import job creation. */
@SpringBootApplication
public class DiskprepServiceApplication {

  /** Its configuration file: named after the service, so several services can share one classpath (one JVM). */
  public static final String CONFIG_NAME = "diskprep-service";

  public static void main(String[] args) {
    SpringApplication app = new SpringApplication(DiskprepServiceApplication.class);
    app.setDefaultProperties(java.util.Map.of("spring.config.name", CONFIG_NAME));
    app.run(args);
  }
}
