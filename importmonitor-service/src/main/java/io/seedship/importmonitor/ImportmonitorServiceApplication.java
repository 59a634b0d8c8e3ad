package io.seedship.importmonitor;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** importmonitor-service: watches import jobs and drives in Azure and turns changes into events. */
@SpringBootApplication
public class ImportmonitorServiceApplication {

  public static void main(String[] args) {
    SpringApplication.run(ImportmonitorServiceApplication.class, args);
  }
}
