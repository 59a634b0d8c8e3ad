package io.seedship.diskprep.messaging;

import io.seedship.diskprep.offers.InventoryReports;
import io.seedship.contracts.command.ConfirmDriveFormat;
import io.seedship.contracts.common.Problem;
import io.seedship.contracts.diskprep.DriveFormatConfirmed;
import io.seedship.contracts.diskprep.DriveFormatRefused;
import io.seedship.diskprep.checks.DriveCheckReport;
import io.seedship.diskprep.checks.DriveChecks;
import io.seedship.diskprep.checks.DriveRule;
import io.seedship.diskprep.staged.StagedData;
import io.seedship.diskprep.checks.Refusal;
import io.seedship.diskprep.inventory.Drive;
import io.seedship.diskprep.inventory.DriveOffer;
import io.seedship.diskprep.inventory.DriveOffers;
import io.seedship.diskprep.persistence.PrepDrive;
import io.seedship.diskprep.persistence.PrepDriveRepository;
import io.seedship.diskprep.persistence.PrepSeed;
import io.seedship.diskprep.persistence.PrepSeedRepository;
import io.seedship.diskprep.persistence.PrepState;
import io.seedship.diskprep.work.WriteDrivesWork;
import io.seedship.runtime.cancel.Cancellation;
import io.seedship.runtime.cancel.SeedCancellations;
import io.seedship.runtime.messaging.SeedContext;
import io.seedship.runtime.messaging.SeedHandler;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator's confirmation that drives may be erased for a seed. Nothing is ever formatted without it, and it is
 * checked against what this agent knows (the seed, its drive records, the drives offered as last read): a serial that
 * is not attached, already used, belongs to another seed, may be a prepared drive, or breaks a drive rule refuses the
 * whole confirmation with every reason (DriveFormatRefused), records nothing and touches no drive; so does one for a
 * seed that is not waiting for drives (not staged yet, confirmed already, failed or cancelled). An accepted one
 * records the drives and schedules the write ({@link WriteDrivesWork}).
 */
public class AcceptDriveFormatConfirmation implements SeedHandler<ConfirmDriveFormat> {

  private static final Logger log = LoggerFactory.getLogger(AcceptDriveFormatConfirmation.class);

  private final String copyMachine;
  private final PrepSeedRepository seeds;
  private final PrepDriveRepository drives;
  private final DriveOffers offers;
  private final DriveChecks checks;
  private final InventoryReports reports;
  private final SeedCancellations cancellations;
  private final Clock clock;

  public AcceptDriveFormatConfirmation(String copyMachine, PrepSeedRepository seeds, PrepDriveRepository drives,
                                       DriveOffers offers, DriveChecks checks, InventoryReports reports,
                                       SeedCancellations cancellations, Clock clock) {
    this.copyMachine = copyMachine;
    this.seeds = seeds;
    this.drives = drives;
    this.offers = offers;
    this.checks = checks;
    this.reports = reports;
    this.cancellations = cancellations;
    this.clock = clock;
  }

  @Override
  public Class<ConfirmDriveFormat> type() {
    return ConfirmDriveFormat.class;
  }

  @Override
  public void handle(ConfirmDriveFormat command, SeedContext context) {
    if (!copyMachine.equals(command.getCopyMachine())) {
      return; // another copy machine's drives
    }
    List<String> serials = command.getDriveSerialNumbers();
    List<Problem> problems = new ArrayList<>();
    Optional<PrepSeed> seed = seeds.findById(context.seedId());
    if (seed.isEmpty()) {
      problems.add(problem("seedId", "seed " + context.seedId() + " is not prepared on copy machine " + copyMachine
          + ": confirm on the copy machine the seed request names"));
    } else if (seed.get().state() == PrepState.ACCEPTED || seed.get().state() == PrepState.OFFERING) {
      problems.add(problem("seedId", "seed " + context.seedId() + " is not staged yet (or its staging is being read):"
          + " confirm once DriveInventoryReported offers drives for it"));
    } else if (seed.get().state() == PrepState.CANCELLED) {
      problems.add(problem("seedId", "seed " + context.seedId() + " was " + cancellations.find(context.seedId())
          .map(Cancellation::describe).orElse("cancelled") + "; no drive is formatted for it: request the seed"
          + " again to start over"));
    } else if (seed.get().state() != PrepState.STAGED) {
      problems.add(problem("seedId", "seed " + context.seedId() + " already has its drives confirmed ("
          + seed.get().state() + "); drives are confirmed once per seed"));
    }
    if (command.getConfirmedBy() == null || command.getConfirmedBy().isBlank()) {
      problems.add(problem("confirmedBy", "confirmedBy must name the operator who confirmed"));
    }
    if (serials.isEmpty()) {
      problems.add(problem("driveSerialNumbers", "name at least one drive by its serial number"));
    }
    Set<String> seen = new HashSet<>();
    List<Drive> chosen = new ArrayList<>();
    for (String serial : serials) {
      if (!seen.add(serial)) {
        problems.add(problem(serial, "serial " + serial + " is named twice"));
        continue;
      }
      Optional<DriveOffer> offer = offers.bySerial(serial);
      Optional<PrepDrive> used = drives.findById(serial);
      if (used.isPresent()) {
        problems.add(problem(serial, used.get().seedId().equals(context.seedId())
            ? "drive " + serial + " is already used for this seed"
            : "drive " + serial + " belongs to seed " + used.get().seedId() + ": a drive serves one seed"));
      } else if (offer.isEmpty()) {
        problems.add(problem(serial, "no drive with serial " + serial + " is attached to copy machine " + copyMachine
            + " (attached: " + String.join(", ", offers.current().stream().map(o -> o.drive().serial()).toList())
            + ")"));
      } else {
        List<Refusal> refusals = new ArrayList<>(checks.check(List.of(offer.get().drive()), 0).drives().getFirst()
            .refusals());
        InventoryReports.notPrepared(offer.get()).ifPresent(refusals::add);
        refusals.forEach(r -> problems.add(problem(serial, r.message())));
        if (refusals.isEmpty()) {
          chosen.add(offer.get().drive());
        }
      }
    }
    if (problems.isEmpty()) {
      long needed = seed.get().bytesNeeded();
      DriveCheckReport report = checks.check(chosen, needed);
      report.job().stream().filter(r -> r.rule() != DriveRule.ENOUGH_CAPACITY)
          .forEach(r -> problems.add(problem("driveSerialNumbers", r.message())));
      reports.shortfall(chosen, StagedData.sized(seed.get().stagedFiles()), needed).ifPresent(missing -> {
        problems.add(problem("driveSerialNumbers", "the " + chosen.size() + " drive(s) confirmed cannot hold the seed: "
            + missing + " bytes still to place (a blob is never split over drives); add drives or larger ones"));
        context.emit(reports.moreDrives(context::next, chosen, needed, missing));
      });
    }
    if (!problems.isEmpty()) {
      log.warn("seed {}: drive format confirmation by {} refused: {}", context.seedId(), command.getConfirmedBy(),
          problems.stream().map(Problem::getMessage).toList());
      context.emit(DriveFormatRefused.newBuilder().setMetadata(context.next()).setCopyMachine(copyMachine)
          .setDriveSerialNumbers(serials).setConfirmedBy(String.valueOf(command.getConfirmedBy()))
          .setProblems(problems).build());
      return;
    }
    Instant now = clock.instant();
    for (int i = 0; i < chosen.size(); i++) {
      Drive d = chosen.get(i);
      drives.save(PrepDrive.confirmed(d.serial(), context.seedId(), i + 1, d.device().toString(), d.sizeBytes(), now));
    }
    seeds.update(seed.get().writing(command.getConfirmedBy(), now));
    context.emit(DriveFormatConfirmed.newBuilder().setMetadata(context.next()).setCopyMachine(copyMachine)
        .setDriveSerialNumbers(serials).setConfirmedBy(command.getConfirmedBy()).build());
    context.schedule(WriteDrivesWork.KIND);
    log.info("seed {}: {} confirmed drives {} for formatting", context.seedId(), command.getConfirmedBy(), serials);
  }

  private static Problem problem(String field, String message) {
    return Problem.newBuilder().setField(field).setMessage(message).build();
  }
}
