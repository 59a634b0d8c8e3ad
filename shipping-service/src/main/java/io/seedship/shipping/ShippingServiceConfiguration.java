package io.seedship.shipping;

import io.seedship.runtime.azure.AzureClients;
import io.seedship.runtime.messaging.CommandGateway;
import io.seedship.runtime.messaging.EventMetadataFactory;
import io.seedship.shipping.messaging.AcceptShipment;
import io.seedship.shipping.messaging.RememberJobOnImportJobCreated;
import io.seedship.shipping.persistence.ShipmentRepository;
import io.seedship.shipping.persistence.ShippingJobRepository;
import io.seedship.shipping.web.ShipmentController;
import io.seedship.shipping.config.ShippingProperties;
import io.seedship.shipping.work.ArrivalDeadlineWork;
import io.seedship.shipping.work.ShipJobWork;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ShippingProperties.class)
class ShippingServiceConfiguration {

  @Bean
  RememberJobOnImportJobCreated rememberJobOnImportJobCreated(ShippingJobRepository jobs) {
    return new RememberJobOnImportJobCreated(jobs);
  }

  @Bean
  AcceptShipment acceptShipment(ShippingJobRepository jobs, ShipmentRepository shipments, Clock clock) {
    return new AcceptShipment(jobs, shipments, clock);
  }

  @Bean
  ShipJobWork shipJobWork(ShippingJobRepository jobs, ShipmentRepository shipments, AzureClients azure,
                          ShippingProperties properties, Clock clock) {
    return new ShipJobWork(jobs, shipments, azure, properties.arrivalLimit(), clock);
  }

  @Bean
  ArrivalDeadlineWork arrivalWarningWork(ShippingJobRepository jobs, ShipmentRepository shipments, AzureClients azure,
                                         ShippingProperties properties, Clock clock) {
    return ArrivalDeadlineWork.warning(properties.warningBefore(), jobs, shipments, azure, clock);
  }

  @Bean
  ArrivalDeadlineWork arrivalExpiryWork(ShippingJobRepository jobs, ShipmentRepository shipments, AzureClients azure,
                                        Clock clock) {
    return ArrivalDeadlineWork.expiry(jobs, shipments, azure, clock);
  }

  @Bean
  ShipmentController shipmentController(ShippingJobRepository jobs, ShipmentRepository shipments,
                                        CommandGateway commands, EventMetadataFactory metadata, Clock clock) {
    return new ShipmentController(jobs, shipments, commands, metadata, clock);
  }
}
