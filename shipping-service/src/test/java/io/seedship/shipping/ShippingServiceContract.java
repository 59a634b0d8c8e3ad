package io.seedship.shipping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.seedship.contracts.command.CancelSeed;
import io.seedship.contracts.command.RegisterShipment;
import io.seedship.contracts.common.EventMetadata;
import io.seedship.contracts.common.ImportJobState;
import io.seedship.contracts.common.PostalAddress;
import io.seedship.contracts.common.Problem;
import io.seedship.contracts.common.ReturnShipping;
import io.seedship.contracts.diskprep.ImportJobCreated;
import io.seedship.contracts.outcome.SeedFailed;
import io.seedship.contracts.shipping.ArrivalDeadlineExpired;
import io.seedship.contracts.shipping.ArrivalDeadlineWarning;
import io.seedship.contracts.shipping.CancelRefused;
import io.seedship.contracts.shipping.ShipmentRefused;
import io.seedship.contracts.shipping.ShipmentRegistered;
import io.seedship.contracts.shipping.UnshippedJobWarning;
import io.seedship.localazure.LocalAzure;
import io.seedship.localazure.test.ArmHttp;
import io.seedship.localazure.test.TestLocalAzure;
import io.seedship.runtime.azure.AzureClients;
import io.seedship.runtime.azure.importjobs.DeliveryPackage;
import io.seedship.runtime.azure.importjobs.ImportDrive;
import io.seedship.runtime.azure.importjobs.ImportJobRequest;
import io.seedship.runtime.azure.importjobs.ImportJobStatus;
import io.seedship.runtime.azure.importjobs.ImportJobs;
import io.seedship.runtime.kafka.SeedEventPublisher;
import io.seedship.runtime.test.KafkaTestBroker;
import io.seedship.runtime.test.ServiceHttp;
import io.seedship.runtime.test.ServiceRunner;
import io.seedship.runtime.test.TopicReader;
import io.seedship.shipping.work.ArrivalDeadlineWork;
import io.seedship.shipping.work.ShipJobWork;
import io.seedship.shipping.work.UnshippedJobWork;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * shipping-service over a real broker, a real database (subclasses choose) and local-azure's Import/Export: a reviewed shipment
 * moves the job to Shipping once, bad details are refused naming each field, and a tracking number is never used for a
 * second job, by the rules and by the database itself. An operator's cancel asks Azure to cancel the job (whether it
 * came before or after the job was known, while Creating or Shipping), refuses later details, and is refused by Azure
 * once the drives are at the datacenter (CancelRefused; never a SeedFailed from here).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class ShippingServiceContract {

  static final String SUBSCRIPTION = "5eed5417-0000-4000-8000-000000000001";
  static final Duration WAIT = Duration.ofSeconds(60);
  /** Its own per run: local-azure is shared by the test classes. */
  final String tracking = "7946 " + (10_000_000 + new java.util.Random().nextInt(89_999_999));

  final LocalAzure azure = TestLocalAzure.shared();
  ConfigurableApplicationContext service;
  SeedEventPublisher publisher;
  JdbcTemplate db;
  ImportJobs jobs;
  java.time.Clock azureTime;
  ArmHttp admin;
  String group;
  String accountId;
  String seed = UUID.randomUUID().toString();
  /** The seed whose job is never shipped (order 5). */
  String seedOfOrder5;
  String jobName = "ship-" + seed.substring(0, 8);
  LocalDate today = LocalDate.now(ZoneOffset.UTC);

  abstract Map<String, Object> database();

  @BeforeAll
  void start() {
    Map<String, Object> props = TestLocalAzure.serviceSettings(azure);
    props.put("spring.config.name", ShippingServiceApplication.CONFIG_NAME);
    props.put("seedship.instance-id", "shipping-test");
    // the documented limits (two weeks, warned three days before) on local-azure's virtual clock, looked at every second
    props.put("seedship.shipping.deadline-recheck", "PT1S");
    service = ServiceRunner.start(ShippingServiceApplication.class, "shipping-service",
        database(), props);
    publisher = KafkaTestBroker.publisher();
    db = service.getBean(JdbcTemplate.class);
    AzureClients clients = service.getBean(AzureClients.class);
    group = "sh-" + UUID.randomUUID().toString().substring(0, 8);
    clients.resourceGroups(SUBSCRIPTION).ensure(group, "westus");
    accountId = clients.storage(SUBSCRIPTION).ensure(group,
        "sh" + UUID.randomUUID().toString().replace("-", "").substring(0, 14), "westus").id();
    jobs = clients.importJobs(SUBSCRIPTION);
    azureTime = clients.time();
    admin = new ArmHttp(azure, TestLocalAzure.adminToken(azure));
  }

  @AfterAll
  void stop() {
    if (service != null) {
      service.close();
    }
  }

  @Test
  @Order(1)
  void aReviewShowsWhatAzureWillBeSentAndChangesNothing() throws Exception {
    created(seed, jobName, 2);

    var review = post(seed, true, body("FedEx", tracking, 2, today));

    assertThat(review.statusCode()).as(review.body()).isEqualTo(200);
    JsonNode json = new ObjectMapper().readTree(review.body());
    assertThat(json.path("importJobName").asText()).isEqualTo(jobName);
    assertThat(json.path("resourceGroup").asText()).isEqualTo(group);
    assertThat(json.at("/deliveryPackage/trackingNumber").asText()).isEqualTo(tracking);
    assertThat(json.at("/deliveryPackage/driveCount").asInt()).isEqualTo(2);
    assertThat(json.path("jobStateAfter").asText()).isEqualTo("Shipping");
    assertThat(db.queryForObject("select count(*) from shipment", Integer.class)).isZero();
    assertThat(jobs.find(group, jobName).orElseThrow().state()).isEqualTo(ImportJobState.CREATING);
  }

  @Test
  @Order(2)
  void badDetailsAreRefusedNamingEachField() throws Exception {
    var refused = post(seed, true, body("Pigeon Post", "x", 3, today.plusDays(2)));

    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.body()).contains("carrierName").contains("Pigeon Post").contains("FedEx")
        .contains("driveCount").contains("has 2 drive(s)").contains("shipDate").contains("in the future")
        .contains("trackingNumber");
    assertThat(post(seed, true, body("FedEx", tracking, 2, null).replace("\"shipDate\": null",
        "\"shipDate\": \"next tuesday\"")).body()).contains("yyyy-MM-dd");
  }

  @Test
  @Order(2)
  void missingDetailsAreRefusedNamingEachFieldAndSendNothing() throws Exception {
    for (boolean dryRun : new boolean[] {true, false}) {
      var empty = post(seed, dryRun, "{}");

      assertThat(empty.statusCode()).as(empty.body()).isEqualTo(400);
      assertThat(empty.body()).contains("carrierName").contains("trackingNumber").contains("driveCount")
          .contains("shipDate").doesNotContain("\"null\"");
    }
    assertThat(post(seed, false, "{\"carrierName\": \"FedEx\"}").body()).contains("trackingNumber")
        .contains("must be given");
  }

  @Test
  @Order(3)
  void aCommittedShipmentMovesTheJobToShippingOnceEvenWhenRepeated() throws Exception {
    var accepted = post(seed, false, body("fedex", tracking, 2, today));
    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);

    ShipmentRegistered registered = await(seed, ShipmentRegistered.class);

    assertThat(registered.getTrackingNumber()).isEqualTo(tracking);
    assertThat(registered.getReplacesTrackingNumber()).isNull();
    Instant twoWeeks = azureTime.instant().plus(Duration.ofDays(14));
    assertThat(registered.getArrivalDeadline()).isBetween(twoWeeks.minusSeconds(60), twoWeeks);
    ImportJobStatus job = jobs.find(group, jobName).orElseThrow();
    assertThat(job.state()).isEqualTo(ImportJobState.SHIPPING);
    assertThat(job.deliveryPackage()).isEqualTo(new DeliveryPackage("fedex", tracking, 2, today));

    publisher.publish(command(seed, jobName, "fedex", tracking, 2, today)); // a replay by an SRE, a new event id
    Thread.sleep(3000);
    assertThat(events(seed, ShipmentRegistered.class)).hasSize(1);
    assertThat(events(seed, ShipmentRefused.class)).isEmpty();
  }

  @Test
  @Order(5)
  void aTrackingNumberIsNeverUsedForASecondJob() throws Exception {
    String other = UUID.randomUUID().toString();
    seedOfOrder5 = other;
    created(other, "ship-" + other.substring(0, 8), 2);

    publisher.publish(command(other, "ship-" + other.substring(0, 8), "FedEx", tracking.replace(" ", ""), 2, today));
    ShipmentRefused refused = await(other, ShipmentRefused.class);

    assertThat(refused.getProblems()).extracting(Problem::getField).containsExactly("trackingNumber");
    assertThat(refused.getProblems().getFirst().getMessage()).contains("already the package of seed " + seed);
    assertThat(jobs.find(group, "ship-" + other.substring(0, 8)).orElseThrow().state())
        .isEqualTo(ImportJobState.CREATING);
    // the database holds the rule too: a registration that raced past the check cannot be stored
    Timestamp now = Timestamp.from(Instant.now());
    assertThatThrownBy(() -> db.update("insert into shipment (seed_id, tracking_key, tracking_number, carrier_name,"
        + " drive_count, ship_date, confirmed_by, state, registered_at) values (?, ?, ?, 'FedEx', 2, ?, 'x',"
        + " 'REGISTERING', ?)", other, tracking.replace(" ", ""), tracking.replace(" ", ""), java.sql.Date.valueOf(today), now))
        .isInstanceOf(DataIntegrityViolationException.class);
    assertThatThrownBy(() -> db.update("insert into used_tracking_number (tracking_key, seed_id, first_used_at)"
        + " values (?, ?, ?)", tracking.replace(" ", ""), other, now))
        .isInstanceOf(DataIntegrityViolationException.class);
  }

  @Test
  @Order(4)
  void twoSeedsRacingForOneTrackingNumberCannotBothHoldIt() throws Exception {
    String racer = UUID.randomUUID().toString();
    String late = UUID.randomUUID().toString();
    String number = "RACE " + tracking.substring(5);
    created(late, "ship-" + late.substring(0, 8), 2);
    DataSource dataSource = service.getBean(DataSource.class);
    try (Connection first = dataSource.getConnection()) {
      // the racer's registration has passed the rules and holds the number, not yet committed
      first.setAutoCommit(false);
      try (var insert = first.prepareStatement("insert into used_tracking_number (tracking_key, seed_id,"
          + " first_used_at) values (?, ?, ?)")) {
        insert.setString(1, number.replace(" ", ""));
        insert.setString(2, racer);
        insert.setTimestamp(3, Timestamp.from(Instant.now()));
        insert.executeUpdate();
      }
      // the other registration passes the same check now (nothing committed holds the number) and must wait
      publisher.publish(command(late, "ship-" + late.substring(0, 8), "FedEx", number, 2, today));
      Thread.sleep(1500);
      first.commit();
    }

    ShipmentRefused refused = await(late, ShipmentRefused.class);
    assertThat(refused.getProblems().getFirst().getMessage()).contains("already the package of seed " + racer);
    assertThat(events(late, ShipmentRegistered.class)).isEmpty();
    assertThat(jobs.find(group, "ship-" + late.substring(0, 8)).orElseThrow().state())
        .isEqualTo(ImportJobState.CREATING);
  }

  @Test
  @Order(6)
  void detailsGivenBeforeTheJobIsKnownAreRegisteredOnceItIs() throws Exception {
    String early = UUID.randomUUID().toString();
    String name = "ship-" + early.substring(0, 8);
    String number = "EARLY " + tracking.substring(5);

    // as the operator does right after ImportJobCreated: the command may overtake the event on its way here
    publisher.publish(command(early, "", "FedEx", number, 2, today));
    until("details kept until the job is known",
        () -> db.queryForObject("select count(*) from shipment_request where seed_id = ?", Integer.class, early) > 0);
    assertThat(events(early, ShipmentRefused.class)).isEmpty();
    created(early, name, 2);

    ShipmentRegistered registered = await(early, ShipmentRegistered.class);
    assertThat(registered.getImportJobName()).isEqualTo(name);
    assertThat(registered.getTrackingNumber()).isEqualTo(number);
    assertThat(jobs.find(group, name).orElseThrow().state()).isEqualTo(ImportJobState.SHIPPING);
    assertThat(db.queryForObject("select count(*) from shipment_request where seed_id = ?", Integer.class, early))
        .isZero();
  }

  @Test
  @Order(6)
  void detailsAndTheJobArrivingTogetherAreRegisteredEveryTime() throws Exception {
    // the operator's command and ImportJobCreated travel on different topics and are handled at once: the seed's
    // lock makes one handling see the other's rows (without it, some of these seeds were never registered)
    List<String> seeds = IntStream.range(0, 6).mapToObj(i -> UUID.randomUUID().toString()).toList();
    List<ImportJobCreated> made = seeds.stream().map(s -> createdJob(s, "ship-" + s.substring(0, 8), 1)).toList();
    for (int i = 0; i < seeds.size(); i++) {
      publisher.publish(command(seeds.get(i), "", "FedEx", "TOGETHER " + i + " " + tracking.substring(5), 1, today));
      publisher.publish(made.get(i));
    }
    for (String s : seeds) {
      assertThat(await(s, ShipmentRegistered.class).getImportJobName()).isEqualTo("ship-" + s.substring(0, 8));
    }
  }

  @Test
  @Order(7)
  void aPackageChangesUntilTheDrivesAreReceivedAndItsOldNumberStaysTaken() throws Exception {
    String changing = UUID.randomUUID().toString();
    String name = "ship-" + changing.substring(0, 8);
    String first = "FIRST " + tracking.substring(5);
    String second = "SECOND " + tracking.substring(5);
    created(changing, name, 1);
    publisher.publish(command(changing, name, "FedEx", first, 1, today));
    await(changing, ShipmentRegistered.class);

    var review = post(changing, true, body("FedEx", second, 1, today));
    assertThat(review.statusCode()).as(review.body()).isEqualTo(200);
    assertThat(new ObjectMapper().readTree(review.body()).at("/replaces/trackingNumber").asText()).isEqualTo(first);
    assertThat(post(changing, false, body("FedEx", second, 1, today)).statusCode()).isEqualTo(202);
    ShipmentRegistered changed = awaitWhere(changing, ShipmentRegistered.class,
        r -> second.equals(r.getTrackingNumber()));
    assertThat(changed.getReplacesTrackingNumber()).isEqualTo(first);
    assertThat(jobs.find(group, name).orElseThrow().deliveryPackage().trackingNumber()).isEqualTo(second);

    // the first number reached Azure: no other job may take it now
    String other = UUID.randomUUID().toString();
    created(other, "ship-" + other.substring(0, 8), 1);
    publisher.publish(command(other, "ship-" + other.substring(0, 8), "FedEx", first, 1, today));
    assertThat(await(other, ShipmentRefused.class).getProblems().getFirst().getMessage())
        .contains("already the package of seed " + changing);

    // the drive reaches the datacenter (two days of transit on local-azure's clock): the package is final
    Path dock = Path.of(admin.get("local-azure/import-export/datacenter").body().path("dockDir").asText());
    Files.createDirectories(dock);
    Files.write(dock.resolve(name.toUpperCase() + "-D0.img"), new byte[512]);
    assertThat(admin.post("local-azure/clock", "{\"advance\":\"P2DT1H\"}").status()).isEqualTo(200);
    until("the package received", () -> jobs.find(group, name).orElseThrow().state() != ImportJobState.SHIPPING);
    publisher.publish(command(changing, name, "FedEx", "THIRD " + tracking.substring(5), 1, today));
    ShipmentRefused refused = await(changing, ShipmentRefused.class);
    assertThat(refused.getProblems().getFirst().getMessage()).contains("can be changed only until the datacenter"
        + " receives the drives").contains(second);
    assertThat(refused.getRegisteredTrackingNumber()).isEqualTo(second);
    assertThat(jobs.find(group, name).orElseThrow().deliveryPackage().trackingNumber()).isEqualTo(second);
  }

  @Test
  @Order(8)
  void onAzuresClockTheArrivalDeadlineIsWarnedOfThenExpiresAndAnUnshippedJobIsWarnedOfOnce() throws Exception {
    ShipmentRegistered registered = await(seed, ShipmentRegistered.class);
    String unshipped = seedOfOrder5;
    assertThat(events(seed, ArrivalDeadlineWarning.class)).isEmpty();
    assertThat(events(unshipped, UnshippedJobWarning.class)).isEmpty();

    // eleven days and an hour after registering: three days before the deadline, and before the unshipped job's end
    Duration toWarning = Duration.between(azureTime.instant(), registered.getArrivalDeadline().minus(Duration.ofDays(3)))
        .plusHours(1);
    assertThat(admin.post("local-azure/clock", "{\"advance\":\"" + toWarning + "\"}").status()).isEqualTo(200);
    ArrivalDeadlineWarning warning = await(seed, ArrivalDeadlineWarning.class);
    UnshippedJobWarning unshippedWarning = await(unshipped, UnshippedJobWarning.class);
    assertThat(warning.getArrivalDeadline()).isEqualTo(registered.getArrivalDeadline());
    assertThat(Duration.ofMillis(warning.getRemainingMillis())).isBetween(Duration.ofDays(2).plusHours(22),
        Duration.ofDays(3));
    assertThat(unshippedWarning.getImportJobName()).isEqualTo("ship-" + unshipped.substring(0, 8));
    assertThat(events(seed, ArrivalDeadlineExpired.class)).isEmpty();

    assertThat(admin.post("local-azure/clock", "{\"advance\":\"P3D\"}").status()).isEqualTo(200);
    ArrivalDeadlineExpired expired = await(seed, ArrivalDeadlineExpired.class);
    assertThat(expired.getTrackingNumber()).isEqualTo(tracking);
    assertThat(expired.getArrivalDeadline()).isEqualTo(registered.getArrivalDeadline());
    Thread.sleep(3000);
    assertThat(events(seed, ArrivalDeadlineWarning.class)).hasSize(1);
    assertThat(events(seed, ArrivalDeadlineExpired.class)).hasSize(1);
    assertThat(events(unshipped, UnshippedJobWarning.class)).hasSize(1);
  }

  @Test
  @Order(9)
  void aCancelOfAJobStillCreatingEndsItInAzureAndLaterDetailsAreRefused() throws Exception {
    String cancelled = UUID.randomUUID().toString();
    String name = "ship-" + cancelled.substring(0, 8);
    created(cancelled, name, 1);

    publisher.publish(cancel(cancelled));

    until("the job cancelled in Azure", () -> jobs.find(group, name).orElseThrow().cancelRequested());
    assertThat(jobs.find(group, name).orElseThrow().state()).isEqualTo(ImportJobState.COMPLETED);
    until("the cancel recorded on the job", () -> db.queryForObject("select count(*) from shipping_job where"
        + " seed_id = ? and cancel_sent_at is not null", Integer.class, cancelled) == 1);
    assertThat(workStates(cancelled, UnshippedJobWork.KIND)).containsExactly("CANCELLED");

    publisher.publish(command(cancelled, name, "FedEx", "AFTER " + tracking.substring(5), 1, today));
    ShipmentRefused refused = await(cancelled, ShipmentRefused.class);
    assertThat(refused.getProblems()).extracting(Problem::getField).containsExactly("seedId");
    assertThat(refused.getProblems().getFirst().getMessage()).contains("cancelled by ops@example.com: wrong vault");
    var review = post(cancelled, true, body("FedEx", "AFTER " + tracking.substring(5), 1, today));
    assertThat(review.statusCode()).isEqualTo(400);
    assertThat(review.body()).contains("cancelled by ops@example.com");
    ImportJobStatus job = jobs.find(group, name).orElseThrow();
    assertThat(job.deliveryPackage()).isNull();
    assertThat(job.state()).isEqualTo(ImportJobState.COMPLETED);
    assertThat(events(cancelled, ShipmentRegistered.class)).isEmpty();
    assertThat(events(cancelled, SeedFailed.class)).isEmpty();
    assertThat(events(cancelled, CancelRefused.class)).isEmpty();
  }

  @Test
  @Order(10)
  void aCancelThatOvertookTheJobCancelsItWhenItIsKnownAndRefusesTheDetailsGivenEarly() throws Exception {
    String early = UUID.randomUUID().toString();
    String name = "ship-" + early.substring(0, 8);
    publisher.publish(command(early, "", "FedEx", "BEFORE " + tracking.substring(5), 1, today));
    until("details kept until the job is known",
        () -> db.queryForObject("select count(*) from shipment_request where seed_id = ?", Integer.class, early) > 0);

    publisher.publish(cancel(early));
    until("the cancel recorded", () -> db.queryForObject("select count(*) from seed_cancellation where seed_id = ?",
        Integer.class, early) == 1);
    assertThat(jobs.find(group, name)).isEmpty();
    created(early, name, 1);

    until("the job cancelled in Azure", () -> jobs.find(group, name).orElseThrow().cancelRequested());
    ShipmentRefused refused = await(early, ShipmentRefused.class);
    assertThat(refused.getImportJobName()).isEqualTo(name);
    assertThat(refused.getProblems().getFirst().getMessage()).contains("cancelled by ops@example.com");
    assertThat(jobs.find(group, name).orElseThrow().deliveryPackage()).isNull();
    assertThat(db.queryForObject("select count(*) from shipment_request where seed_id = ?", Integer.class, early))
        .isZero();
    assertThat(db.queryForObject("select count(*) from used_tracking_number where seed_id = ?", Integer.class, early))
        .isZero();
    assertThat(workStates(early, UnshippedJobWork.KIND)).isEmpty();
    assertThat(events(early, ShipmentRegistered.class)).isEmpty();
    assertThat(events(early, SeedFailed.class)).isEmpty();
  }

  @Test
  @Order(11)
  void aCancelOfAShippedJobIsRequestedOfAzureAndStopsTheDeadlineWatches() throws Exception {
    String shipped = UUID.randomUUID().toString();
    String name = "ship-" + shipped.substring(0, 8);
    created(shipped, name, 1);
    publisher.publish(command(shipped, name, "FedEx", "SHIPPED " + tracking.substring(5), 1, today));
    await(shipped, ShipmentRegistered.class);
    assertThat(jobs.find(group, name).orElseThrow().state()).isEqualTo(ImportJobState.SHIPPING);

    publisher.publish(cancel(shipped));

    until("the job's cancel requested", () -> jobs.find(group, name).orElseThrow().cancelRequested());
    assertThat(jobs.find(group, name).orElseThrow().state()).isEqualTo(ImportJobState.SHIPPING);
    until("the deadline watches stopped", () -> workStates(shipped, ArrivalDeadlineWork.WARNING)
        .equals(List.of("CANCELLED")) && workStates(shipped, ArrivalDeadlineWork.EXPIRY).equals(List.of("CANCELLED")));
    assertThat(events(shipped, CancelRefused.class)).isEmpty();
    assertThat(events(shipped, SeedFailed.class)).isEmpty();
  }

  @Test
  @Order(12)
  void aShipUnderWayWhenTheCancelComesIsStoppedAndTheJobIsCancelledAnyway() throws Exception {
    String racing = UUID.randomUUID().toString();
    String name = "ship-" + racing.substring(0, 8);
    created(racing, name, 1);
    String faults = admin.get("local-azure/faults").body().toString();
    // every ARM call takes seconds: the ship is still on its way to Azure when the cancel is handled
    assertThat(admin.put("local-azure/faults", "{\"latency\":\"PT4S\"}").status()).isEqualTo(200);
    try {
      publisher.publish(command(racing, name, "FedEx", "RACING " + tracking.substring(5), 1, today));
      until("the ship under way", () -> workStates(racing, ShipJobWork.KIND).equals(List.of("RUNNING")));

      publisher.publish(cancel(racing));

      until("the ship stopped", () -> workStates(racing, ShipJobWork.KIND).equals(List.of("CANCELLED")));
      until("the job's cancel requested", () -> jobs.find(group, name).orElseThrow().cancelRequested());
    } finally {
      assertThat(admin.put("local-azure/faults", faults).status()).isEqualTo(200);
    }
    // Creating then (ended at once) or Shipping, whichever call Azure took first: cancelled either way
    assertThat(jobs.find(group, name).orElseThrow().state()).isIn(ImportJobState.COMPLETED, ImportJobState.SHIPPING);
    assertThat(events(racing, ShipmentRegistered.class)).isEmpty();
    assertThat(events(racing, SeedFailed.class)).isEmpty();
  }

  @Test
  @Order(13)
  void aCancelOnceTheDrivesAreReceivedIsRefusedOnceAndTheImportGoesOn() throws Exception {
    String late = UUID.randomUUID().toString();
    String name = "ship-" + late.substring(0, 8);
    created(late, name, 1);
    publisher.publish(command(late, name, "FedEx", "LATE " + tracking.substring(5), 1, today));
    await(late, ShipmentRegistered.class);
    // the drive reaches the datacenter (two days of transit on local-azure's clock)
    Path dock = Path.of(admin.get("local-azure/import-export/datacenter").body().path("dockDir").asText());
    Files.createDirectories(dock);
    Files.write(dock.resolve(name.toUpperCase() + "-D0.img"), new byte[512]);
    assertThat(admin.post("local-azure/clock", "{\"advance\":\"P2DT1H\"}").status()).isEqualTo(200);
    until("the package received", () -> jobs.find(group, name).orElseThrow().state() != ImportJobState.SHIPPING);

    publisher.publish(cancel(late));

    CancelRefused refused = await(late, CancelRefused.class);
    assertThat(refused.getImportJobName()).isEqualTo(name);
    assertThat(refused.getJobState()).isIn("Received", "Transferring", "Packaging", "Completed", "Closed");
    assertThat(refused.getReason()).contains(name).contains("Creating or Shipping");
    ImportJobStatus job = jobs.find(group, name).orElseThrow();
    assertThat(job.cancelRequested()).isFalse();
    assertThat(job.deliveryPackage().trackingNumber()).isEqualTo("LATE " + tracking.substring(5));
    Thread.sleep(3000);
    assertThat(events(late, CancelRefused.class)).hasSize(1);
    assertThat(events(late, SeedFailed.class)).isEmpty();
    assertThat(db.queryForObject("select count(*) from shipping_job where seed_id = ? and cancel_sent_at is null",
        Integer.class, late)).isEqualTo(1);
  }

  // ---------------------------------------------------------------------------------------------------------------

  static <T extends SpecificRecord> T awaitWhere(String seedId, Class<T> type, java.util.function.Predicate<T> which)
      throws InterruptedException {
    Instant deadline = Instant.now().plus(WAIT);
    while (Instant.now().isBefore(deadline)) {
      for (T event : events(seedId, type)) {
        if (which.test(event)) {
          return event;
        }
      }
      Thread.sleep(250);
    }
    throw new AssertionError("no matching " + type.getSimpleName() + " for seed " + seedId + " within " + WAIT);
  }

  /** The job exists in Azure and ImportJobCreated says so, as the disk-prep agent does. */
  void created(String seedId, String name, int drives) {
    publisher.publish(createdJob(seedId, name, drives));
    until("ImportJobCreated recorded",
        () -> db.queryForObject("select count(*) from shipping_job where seed_id = ?", Integer.class, seedId) > 0);
  }

  static void until(String what, java.util.function.BooleanSupplier done) {
    Instant deadline = Instant.now().plus(WAIT);
    while (!done.getAsBoolean()) {
      assertThat(Instant.now()).as(what).isBefore(deadline);
      sleep();
    }
  }

  /** The job made in Azure, and the ImportJobCreated the disk-prep agent would publish for it. */
  ImportJobCreated createdJob(String seedId, String name, int drives) {
    ImportJobStatus status = jobs.create(new ImportJobRequest(group, name, "westus", accountId,
        IntStream.range(0, drives).mapToObj(i -> new ImportDrive(name.toUpperCase() + "-D" + i,
            "111111-222222-333333-444444-555555-666666-777777-88888" + i, "\\\\" + i + ".manifest",
            "4228EC5D8E048CB9B515338C789314BE", "0:1048576:AB")).toList(),
        PostalAddress.newBuilder().setRecipientName("Ops").setStreetAddress1("1 Main St").setCity("Redmond")
            .setStateOrProvince("WA").setPostalCode("98052").setCountryOrRegion("US").setPhone("4255550100")
            .setEmail("ops@example.com").build(),
        ReturnShipping.newBuilder().setCarrierName("FedEx").setCarrierAccountNumber("123456789").build(),
        "waimportexport"));
    var datacenter = jobs.datacenter("westus");
    return ImportJobCreated.newBuilder().setMetadata(metadata(seedId)).setImportJobName(name)
        .setImportJobId(status.id()).setLocation("westus").setStorageAccountId(accountId)
        .setDriveIds(status.drives().stream().map(d -> d.driveId()).toList())
        .setShippingAddress(datacenter.address()).setSupportedCarriers(datacenter.supportedCarriers()).build();
  }

  static CancelSeed cancel(String seedId) {
    return CancelSeed.newBuilder().setMetadata(metadata(seedId)).setReason("wrong vault")
        .setRequestedBy("ops@example.com").build();
  }

  /** The states of the seed's units of work {@code kind}, oldest first. */
  List<String> workStates(String seedId, String kind) {
    return db.queryForList("select state from stage_work where seed_id = ? and kind = ? order by created_at",
        String.class, seedId, kind);
  }

  static RegisterShipment command(String seedId, String job, String carrier, String tracking, int drives,
                                  LocalDate shipDate) {
    return RegisterShipment.newBuilder().setMetadata(metadata(seedId)).setImportJobName(job).setCarrierName(carrier)
        .setTrackingNumber(tracking).setDriveCount(drives).setShipDate(shipDate).setConfirmedBy("ops@example.com")
        .build();
  }

  static String body(String carrier, String tracking, int drives, LocalDate shipDate) {
    return """
        {"carrierName": "%s", "trackingNumber": "%s", "driveCount": %d, "shipDate": %s,
         "confirmedBy": "ops@example.com"}""".formatted(carrier, tracking, drives,
        shipDate == null ? "null" : "\"" + shipDate + "\"");
  }

  java.net.http.HttpResponse<String> post(String seedId, boolean dryRun, String json) throws Exception {
    return ServiceHttp.operator(service, azure)
        .post("/api/seeds/" + seedId + "/shipment" + (dryRun ? "?dryRun=true" : ""), json);
  }

  static EventMetadata metadata(String seedId) {
    String id = UUID.randomUUID().toString();
    return EventMetadata.newBuilder().setEventId(id).setSeedId(seedId)
        .setOccurredAt(Instant.now().truncatedTo(ChronoUnit.MILLIS)).setProducer("test").setCorrelationId(id)
        .setCausationId(null).build();
  }

  static <T extends SpecificRecord> T await(String seedId, Class<T> type) {
    return TopicReader.awaitEvent(KafkaTestBroker.client(), seedId, type, WAIT);
  }

  static <T extends SpecificRecord> List<T> events(String seedId, Class<T> type) {
    return TopicReader.events(KafkaTestBroker.client(), seedId, type, Duration.ofSeconds(2));
  }

  static void sleep() {
    try {
      Thread.sleep(100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
