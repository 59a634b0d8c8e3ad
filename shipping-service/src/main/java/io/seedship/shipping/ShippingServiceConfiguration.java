package io.seedship.shipping;

import io.seedship.runtime.azure.AzureClients;
import io.seedship.runtime.cancel.SeedCancellations;
import io.seedship.runtime.messaging.CommandGateway;
import io.seedship.runtime.messaging.EventMetadataFactory;
import io.seedship.shipping.config.ShippingProperties;
import io.seedship.shipping.messaging.AcceptShipment;
import io.seedship.shipping.messaging.CancelJobOnCancelSeed;
import io.seedship.shipping.messaging.RememberJobOnImportJobCreated;
import io.seedship.shipping.persistence.SeedLocks;
import io.seedship.shipping.persistence.ShipmentRepository;
import io.seedship.shipping.persistence.ShipmentRequestRepository;
import io.seedship.shipping.persistence.ShippingJobRepository;
import io.seedship.shipping.persistence.TrackingNumbers;
import io.seedship.shipping.persistence.UsedTrackingNumberRepository;
import io.seedship.shipping.web.ShipmentController;
import io.seedship.shipping.work.ArrivalDeadlineWork;
import io.seedship.shipping.work.CancelImportJobWork;
import io.seedship.shipping.work.ChangeShipmentWork;
import io.seedship.shipping.work.ShipJobWork;
import io.seedship.shipping.work.UnshippedJobWork;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ShippingProperties.class)
class ShippingServiceConfiguration {

  @Bean
  TrackingNumbers trackingNumbers(UsedTrackingNumberRepository used) {
    return new TrackingNumbers(used);
  }

  @Bean
  SeedLocks seedLocks(JdbcTemplate jdbc) {
    return new SeedLocks(jdbc);
  }

  @Bean
  RememberJobOnImportJobCreated rememberJobOnImportJobCreated(ShippingJobRepository jobs,
                                                              ShipmentRepository shipments,
                                                              ShipmentRequestRepository requests,
                                                              TrackingNumbers trackingNumbers,
                                                              SeedCancellations cancellations, SeedLocks locks,
                                                              Clock clock) {
    return new RememberJobOnImportJobCreated(jobs, shipments, requests, trackingNumbers, cancellations, locks, clock);
  }

  @Bean
  AcceptShipment acceptShipment(ShippingJobRepository jobs, ShipmentRepository shipments,
                                ShipmentRequestRepository requests, TrackingNumbers trackingNumbers,
                                SeedCancellations cancellations, SeedLocks locks, Clock clock) {
    return new AcceptShipment(jobs, shipments, requests, trackingNumbers, cancellations, locks, clock);
  }

  @Bean
  CancelJobOnCancelSeed cancelJobOnCancelSeed(ShippingJobRepository jobs, SeedCancellations cancellations,
                                              SeedLocks locks) {
    return new CancelJobOnCancelSeed(jobs, cancellations, locks);
  }

  @Bean
  ShipJobWork shipJobWork(ShippingJobRepository jobs, ShipmentRepository shipments, SeedCancellations cancellations,
                          AzureClients azure, ShippingProperties properties) {
    return new ShipJobWork(jobs, shipments, cancellations, azure, properties.arrivalLimit());
  }

  @Bean
  ChangeShipmentWork changeShipmentWork(ShippingJobRepository jobs, ShipmentRepository shipments,
                                        ShipmentRequestRepository requests, TrackingNumbers trackingNumbers,
                                        SeedCancellations cancellations, AzureClients azure,
                                        ShippingProperties properties) {
    return new ChangeShipmentWork(jobs, shipments, requests, trackingNumbers, cancellations, azure,
        properties.arrivalLimit());
  }

  @Bean
  CancelImportJobWork cancelImportJobWork(ShippingJobRepository jobs, AzureClients azure) {
    return new CancelImportJobWork(jobs, azure);
  }

  @Bean
  ArrivalDeadlineWork arrivalWarningWork(ShippingJobRepository jobs, ShipmentRepository shipments, AzureClients azure,
                                         ShippingProperties properties) {
    return ArrivalDeadlineWork.warning(properties.warningBefore(), properties.deadlineRecheck(), jobs, shipments,
        azure);
  }

  @Bean
  ArrivalDeadlineWork arrivalExpiryWork(ShippingJobRepository jobs, ShipmentRepository shipments, AzureClients azure,
                                        ShippingProperties properties) {
    return ArrivalDeadlineWork.expiry(properties.deadlineRecheck(), jobs, shipments, azure);
  }

  @Bean
  UnshippedJobWork unshippedJobWork(ShippingJobRepository jobs, ShipmentRepository shipments, AzureClients azure,
                                    ShippingProperties properties) {
    return new UnshippedJobWork(properties.creatingLimit(), properties.warningBefore(), properties.deadlineRecheck(),
        jobs, shipments, azure);
  }

  @Bean
  ShipmentController shipmentController(ShippingJobRepository jobs, ShipmentRepository shipments,
                                        ShipmentRequestRepository requests, TrackingNumbers trackingNumbers,
                                        SeedCancellations cancellations, CommandGateway commands,
                                        EventMetadataFactory metadata, Clock clock) {
    return new ShipmentController(jobs, shipments, requests, trackingNumbers, cancellations, commands, metadata,
        clock);
  }
}
