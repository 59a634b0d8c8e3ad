package io.seedship.shipping;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** shipping-service: shipping details, tracking-number and package rules, the two-week arrival deadline. */
@SpringBootApplication
public class ShippingServiceApplication {

  public static void main(String[] args) {
    SpringApplication.run(ShippingServiceApplication.class, args);
  }
}
