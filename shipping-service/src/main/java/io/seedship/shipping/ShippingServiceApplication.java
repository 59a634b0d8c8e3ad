package io.seedship.shipping;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** shipping-service: shipping details, tracking-number and package rules, the two-week arrival deadline. */
@SpringBootApplication
public class ShippingServiceApplication {

  /** Its configuration file: named after the service, so several services can share one classpath (one JVM). */
  public static final String CONFIG_NAME = "shipping-service";

  public static void main(String[] args) {
    SpringApplication app = new SpringApplication(ShippingServiceApplication.class);
    app.setDefaultProperties(java.util.Map.of("spring.config.name", CONFIG_NAME));
    app.run(args);
  }
}
