package io.seedship.staging;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** staging-service: seed request intake and validation; writing the compressed initial backup and its manifest to the staging location. */
@SpringBootApplication
public class StagingServiceApplication {

  public static void main(String[] args) {
    SpringApplication.run(StagingServiceApplication.class, args);
  }
}
