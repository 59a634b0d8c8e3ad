package io.seedship.localazure;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.scheduling.annotation.EnableScheduling;

/** local-azure on its own: {@code java -jar local-azure-exec.jar} or {@code ./local-azure}. */
@SpringBootApplication
@EnableScheduling
@EnableConfigurationProperties(LocalAzureProperties.class)
public class LocalAzureApplication {

  public static void main(String[] args) {
    LocalAzure azure = LocalAzure.start(args);
    System.out.println(azure.describe());
  }
}
