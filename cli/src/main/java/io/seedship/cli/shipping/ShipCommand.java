package io.seedship.cli.shipping;

import com.fasterxml.jackson.databind.JsonNode;
import io.seedship.cli.failure.CliFailure;
import io.seedship.cli.failure.Exit;
import io.seedship.cli.session.Session;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code seedship ship SEED}: register the package that carries a seed's drives, after a review as the documented
 * tool shows one; {@code --dry-run} stops at the review.
 */
@Command(name = "ship", description = "Register the shipment of a seed's drives (operator): review, then commit.")
public final class ShipCommand implements Callable<Integer> {

  @ParentCommand
  Session cli;

  @Parameters(paramLabel = "SEED", description = "the seed's id")
  String seedId;

  @Option(names = "--carrier", required = true, description = "the carrier's name (one the datacenter takes)")
  String carrier;

  @Option(names = "--tracking-number", required = true, description = "the package's tracking number")
  String trackingNumber;

  @Option(names = "--drive-count", required = true, description = "how many drives are in the package")
  int driveCount;

  @Option(names = "--ship-date", description = "the day it leaves, YYYY-MM-DD (default: today)")
  String shipDate;

  @Option(names = "--dry-run", description = "show the review and stop")
  boolean dryRun;

  @Option(names = "--yes", description = "do not ask")
  boolean yes;

  @Override
  public Integer call() {
    String date = shipDate == null ? LocalDate.now().toString() : shipDate;
    try {
      LocalDate.parse(date);
    } catch (DateTimeParseException e) {
      throw new CliFailure(Exit.BAD_INPUT, "--ship-date " + shipDate + ": give a date as YYYY-MM-DD");
    }
    Map<String, Object> review = new LinkedHashMap<>();
    review.put("seedId", seedId);
    review.put("carrierName", carrier);
    review.put("trackingNumber", trackingNumber);
    review.put("driveCount", driveCount);
    review.put("shipDate", date);
    cli.output().note("The shipment to register:");
    if (dryRun) {
      cli.output().record(review);
      cli.output().note("Dry run: nothing was sent.");
      return Exit.OK;
    }
    cli.output().record(review);
    if (!yes && !cli.confirm("Register this shipment with the import job?")) {
      cli.output().note("Nothing was sent.");
      return Exit.DECLINED;
    }
    Map<String, Object> body = new LinkedHashMap<>(review);
    body.remove("seedId");
    JsonNode registered = cli.api().post("shipping-service", "/api/seeds/" + seedId + "/shipment", body);
    String outcome = registered.hasNonNull("importJobName")
        ? "import job " + registered.get("importJobName").asText() + " goes to " + registered.path("jobStateAfter")
            .asText("Shipping") + " " + registered.path("when").asText("")
        : registered.path("status").asText("sent");
    cli.output().note("Registered: " + outcome.strip() + ". Follow it with: seedship seed show " + seedId);
    return Exit.OK;
  }
}
