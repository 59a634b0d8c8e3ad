package io.seedship.localazure;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.context.ConfigurationPropertiesAutoConfiguration;
import org.springframework.boot.autoconfigure.context.LifecycleAutoConfiguration;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.autoconfigure.task.TaskSchedulingAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.servlet.autoconfigure.HttpEncodingAutoConfiguration;
import org.springframework.boot.tomcat.autoconfigure.servlet.TomcatServletWebServerAutoConfiguration;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * local-azure on its own: {@code java -jar local-azure-exec.jar} or {@code ./local-azure}. It names the
 * auto-configurations it uses instead of taking all on the classpath, so it runs the same inside a JVM that also
 * holds Seedship's services (tests, the local launcher) without picking up their Kafka or databases.
 */
@SpringBootConfiguration
@ComponentScan
@ImportAutoConfiguration({PropertyPlaceholderAutoConfiguration.class, ConfigurationPropertiesAutoConfiguration.class,
    LifecycleAutoConfiguration.class, SslAutoConfiguration.class, TaskSchedulingAutoConfiguration.class,
    ValidationAutoConfiguration.class, HttpMessageConvertersAutoConfiguration.class, HttpEncodingAutoConfiguration.class,
    TomcatServletWebServerAutoConfiguration.class, DispatcherServletAutoConfiguration.class,
    WebMvcAutoConfiguration.class})
@EnableScheduling
@EnableConfigurationProperties(LocalAzureProperties.class)
public class LocalAzureApplication {

  public static void main(String[] args) {
    // standalone only: logging is global to a JVM, so an in-process local-azure leaves its host's pattern alone
    String[] all = java.util.stream.Stream.concat(
        java.util.stream.Stream.of("--logging.pattern.console=%d{HH:mm:ss.SSS} %-5level [local-azure] %logger{36} - %msg%n"),
        java.util.Arrays.stream(args)).toArray(String[]::new);
    LocalAzure azure = LocalAzure.startStandalone(all);
    System.out.println(azure.describe());
  }
}
