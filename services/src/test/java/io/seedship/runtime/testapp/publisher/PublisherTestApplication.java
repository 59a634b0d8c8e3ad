package io.seedship.runtime.testapp.publisher;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** A service with no handlers, used to publish through the runtime. */
@SpringBootApplication
public class PublisherTestApplication {
}
