package io.seedship.runtime.test;

import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Starts a Seedship service in this JVM against the test broker, as its own Spring application. */
public final class ServiceRunner {

  private ServiceRunner() {
  }

  public static ConfigurableApplicationContext start(Class<?> application, String serviceName,
                                                     Map<String, Object> database, Map<String, Object> extra) {
    Map<String, Object> props = new HashMap<>();
    props.put("spring.application.name", serviceName);
    props.putAll(KafkaTestBroker.serviceSettings(serviceName));
    props.put("server.port", "0");
    props.put("seedship.topics.partitions", "3");
    props.put("spring.cloud.stream.kafka.binder.configuration.session.timeout.ms", "10000");
    if (!extra.containsKey("seedship.azure.local-endpoint")) {
      // every service checks its callers' tokens against an issuer: the shared local-azure unless told otherwise
      props.putAll(io.seedship.localazure.test.TestLocalAzure.serviceSettings(
          io.seedship.localazure.test.TestLocalAzure.shared()));
    }
    props.putAll(database);
    props.putAll(extra);
    // as arguments: SpringApplicationBuilder.properties() would rank below the runtime's defaults
    String[] args = props.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
    return new SpringApplicationBuilder(application).run(args);
  }
}
