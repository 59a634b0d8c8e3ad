package io.seedship.cli.shipping;

import com.fasterxml.jackson.databind.JsonNode;
import io.seedship.cli.failure.CliFailure;
import io.seedship.cli.failure.Exit;
import io.seedship.cli.session.Session;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code seedship ship SEED}: register the package that carries a seed's drives, after the review shipping-service
 * gives (its rules, and exactly what Azure will be sent), as the documented tool shows one; {@code --dry-run} stops
 * at the review. {@code seedship ship show SEED}: the import job, the registered package and details still waiting.
 */
@Command(name = "ship", description = "Register the shipment of a seed's drives (operator): review, then commit.",
    subcommands = ShipCommand.Show.class)
public final class ShipCommand implements Callable<Integer> {

  @ParentCommand
  Session cli;

  // not required to picocli, so that 'ship show SEED' needs none of them; call() names what is missing
  @Parameters(arity = "0..1", paramLabel = "SEED", description = "the seed's id")
  String seedId;

  @Option(names = "--carrier", description = "the carrier's name (one the datacenter takes)")
  String carrier;

  @Option(names = "--tracking-number", description = "the package's tracking number")
  String trackingNumber;

  @Option(names = "--drive-count", description = "how many drives are in the package")
  Integer driveCount;

  @Option(names = "--ship-date", description = "the day it leaves, YYYY-MM-DD (default: today)")
  String shipDate;

  @Option(names = "--dry-run", description = "show the review and stop")
  boolean dryRun;

  @Option(names = "--yes", description = "do not ask")
  boolean yes;

  @Override
  public Integer call() {
    List<String> missing = new ArrayList<>();
    if (seedId == null) {
      missing.add("SEED");
    }
    if (carrier == null) {
      missing.add("--carrier");
    }
    if (trackingNumber == null) {
      missing.add("--tracking-number");
    }
    if (driveCount == null) {
      missing.add("--drive-count");
    }
    if (!missing.isEmpty()) {
      throw new CliFailure(Exit.BAD_INPUT, "ship needs " + String.join(", ", missing) + " (seedship ship --help)");
    }
    String date = shipDate == null ? LocalDate.now().toString() : shipDate;
    try {
      LocalDate.parse(date);
    } catch (DateTimeParseException e) {
      throw new CliFailure(Exit.BAD_INPUT, "--ship-date " + shipDate + ": give a date as YYYY-MM-DD");
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("carrierName", carrier);
    body.put("trackingNumber", trackingNumber);
    body.put("driveCount", driveCount);
    body.put("shipDate", date);
    body.put("confirmedBy", cli.person());
    String path = "/api/seeds/" + seedId + "/shipment";
    // the service's review: its rules refuse here, with each field named, and nothing is sent
    JsonNode review = cli.api().post("shipping-service", path + "?dryRun=true", body);
    Map<String, Object> shown = new LinkedHashMap<>();
    shown.put("seedId", seedId);
    shown.put("importJob", review.hasNonNull("importJobName") ? review.get("importJobName").asText()
        : "(not created yet)");
    shown.put("resourceGroup", review.path("resourceGroup").asText(null));
    JsonNode sent = review.path("deliveryPackage");
    shown.put("carrierName", sent.path("carrierName").asText());
    shown.put("trackingNumber", sent.path("trackingNumber").asText());
    shown.put("driveCount", sent.path("driveCount").asInt());
    shown.put("shipDate", sent.path("shipDate").asText());
    shown.put("jobStateAfter", review.path("jobStateAfter").asText(null));
    shown.put("when", review.path("when").asText(null));
    if (review.hasNonNull("replaces")) {
      shown.put("replaces", review.get("replaces").path("carrierName").asText() + " "
          + review.get("replaces").path("trackingNumber").asText());
    }
    cli.output().note("What Azure will be sent:");
    cli.output().record(shown);
    if (dryRun) {
      cli.output().note("Dry run: nothing was sent.");
      return Exit.OK;
    }
    if (!yes && !cli.confirm("Register this shipment with the import job?")) {
      cli.output().note("Nothing was sent.");
      return Exit.DECLINED;
    }
    JsonNode registered = cli.api().post("shipping-service", path, body);
    cli.output().note("Sent: " + registered.path("status").asText("registering") + ". Follow it with: seedship ship "
        + "show " + seedId);
    return Exit.OK;
  }

  @Command(name = "show", description = "A seed's import job, its registered package and any details still waiting.")
  static final class Show implements Callable<Integer> {

    @ParentCommand
    ShipCommand ship;

    @Parameters(paramLabel = "SEED", description = "the seed's id")
    String seedId;

    @Override
    public Integer call() {
      JsonNode view = ship.cli.api().get("shipping-service", "/api/seeds/" + seedId + "/shipment");
      Map<String, Object> shown = new LinkedHashMap<>();
      shown.put("seedId", seedId);
      JsonNode job = view.path("job");
      shown.put("importJob", job.isObject() ? job.path("importJobName").asText() + " (" + job.path("location")
          .asText() + ", " + job.path("driveIds").size() + " drive(s))" : "(not created yet)");
      shown.put("carriers", job.isObject() ? String.join(", ", texts(job.path("carriers"))) : null);
      JsonNode shipment = view.path("shipment");
      shown.put("state", shipment.isObject() ? shipment.path("state").asText() : "(no package registered)");
      if (shipment.isObject()) {
        shown.put("package", shipment.path("carrierName").asText() + " " + shipment.path("trackingNumber").asText()
            + ", " + shipment.path("driveCount").asInt() + " drive(s), shipped " + shipment.path("shipDate").asText());
        shown.put("confirmedBy", shipment.path("confirmedBy").asText(null));
        shown.put("registeredAt", shipment.path("registeredAt").asText(null));
        shown.put("arrivalDeadline", shipment.path("arrivalDeadline").asText(null));
      }
      JsonNode pending = view.path("pending");
      if (pending.isObject()) {
        shown.put("waiting", pending.path("carrierName").asText() + " " + pending.path("trackingNumber").asText()
            + " (received " + pending.path("receivedAt").asText() + ", not on Azure yet)");
      }
      if (ship.cli.output().format() == io.seedship.cli.output.Output.Format.table) {
        ship.cli.output().record(shown);
      } else {
        ship.cli.output().record(new com.fasterxml.jackson.databind.ObjectMapper().convertValue(view, Map.class));
      }
      return Exit.OK;
    }

    private static List<String> texts(JsonNode array) {
      List<String> texts = new ArrayList<>();
      array.forEach(n -> texts.add(n.asText()));
      return texts;
    }
  }
}
