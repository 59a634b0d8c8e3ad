package io.seedship.diskprep;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** diskprep-service: agent on a copy machine: drive inventory and checks, BitLocker, copy with spanning, drive manifest, import job creation. */
@SpringBootApplication
public class DiskprepServiceApplication {

  public static void main(String[] args) {
    SpringApplication.run(DiskprepServiceApplication.class, args);
  }
}
