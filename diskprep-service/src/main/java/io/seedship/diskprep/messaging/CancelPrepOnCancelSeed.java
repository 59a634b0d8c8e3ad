package io.seedship.diskprep.messaging;

import io.seedship.contracts.command.CancelSeed;
import io.seedship.contracts.common.Problem;
import io.seedship.contracts.common.SeedStage;
import io.seedship.diskprep.persistence.DriveWriteState;
import io.seedship.diskprep.persistence.PrepDrive;
import io.seedship.diskprep.persistence.PrepDriveRepository;
import io.seedship.diskprep.persistence.PrepSeed;
import io.seedship.diskprep.persistence.PrepSeedRepository;
import io.seedship.diskprep.persistence.PrepState;
import io.seedship.runtime.cancel.Cancellation;
import io.seedship.runtime.cancel.SeedCancellations;
import io.seedship.runtime.messaging.SeedContext;
import io.seedship.runtime.messaging.SeedFailures;
import io.seedship.runtime.messaging.SeedHandler;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An operator cancels a seed. The cancel is always recorded, so that a StagingCompleted arriving later still ends the
 * seed ({@link OfferDrivesOnStagingCompleted}). From StagingCompleted until its import job exists the seed is this
 * copy machine's: then its work is stopped (offering drives, writing them, creating the job), the drives nobody
 * touched are free again, and the seed ends with the one SeedFailed, naming by serial each drive that was written and
 * must be formatted before reuse. Before that, staging-service ends it; after, shipping-service cancels the job; an
 * ended seed stays ended.
 */
public class CancelPrepOnCancelSeed implements SeedHandler<CancelSeed> {

  private static final Logger log = LoggerFactory.getLogger(CancelPrepOnCancelSeed.class);

  /** The states in which this copy machine holds the seed. */
  static final Set<PrepState> HELD = EnumSet.of(PrepState.OFFERING, PrepState.STAGED, PrepState.WRITING,
      PrepState.WRITTEN);

  private final PrepSeedRepository seeds;
  private final PrepDriveRepository drives;
  private final SeedCancellations cancellations;
  private final Clock clock;

  public CancelPrepOnCancelSeed(PrepSeedRepository seeds, PrepDriveRepository drives,
                                SeedCancellations cancellations, Clock clock) {
    this.seeds = seeds;
    this.drives = drives;
    this.cancellations = cancellations;
    this.clock = clock;
  }

  @Override
  public Class<CancelSeed> type() {
    return CancelSeed.class;
  }

  @Override
  public void handle(CancelSeed command, SeedContext context) {
    Cancellation cancel = cancellations.record(command);
    // the work before the seed's row, as a work's finish locks them: a finish that committed first is seen below
    // (JOB_CREATED, WRITTEN), and one that had not cannot commit any more
    context.stopWork();
    PrepSeed seed = seeds.findByIdForUpdate(context.seedId()).orElse(null);
    if (seed == null || !HELD.contains(seed.state())) {
      log.info("seed {} is {} on this copy machine; its cancel is recorded and left to the stage holding it, if any",
          context.seedId(), seed == null ? "unknown" : seed.state());
      return;
    }
    // again: a finish that committed just before the row was locked may have scheduled more work (the import job)
    context.stopWork();
    List<PrepDrive> confirmed = drives.findBySeedIdOrderByDriveIndex(seed.seedId());
    List<Problem> problems = new ArrayList<>();
    String stopped = stopped(seed, confirmed, problems);
    // as for a failed seed: drives never touched are free again; a written one keeps its password and journal
    confirmed.stream().filter(d -> d.state() == DriveWriteState.CONFIRMED).forEach(drives::delete);
    seeds.update(seed.cancelled(clock.instant()));
    context.emit(SeedFailures.cancelled(context.next(), SeedStage.DISK_PREP, cancel, stopped, problems));
    log.info("seed {} cancelled while {}: {}", seed.seedId(), seed.state(), stopped);
  }

  /** What the cancel stopped and left behind, by where the seed stood; each touched drive also as a problem. */
  static String stopped(PrepSeed seed, List<PrepDrive> confirmed, List<Problem> problems) {
    List<String> written = serials(confirmed, DriveWriteState.WRITTEN);
    List<String> partly = serials(confirmed, DriveWriteState.WRITING);
    List<String> untouched = serials(confirmed, DriveWriteState.CONFIRMED);
    written.forEach(s -> problems.add(SeedFailures.problem(s, "drive " + s + " was written for this seed: format it"
        + " before reuse")));
    partly.forEach(s -> problems.add(SeedFailures.problem(s, "drive " + s + " was partly written for this seed:"
        + " format it before reuse")));
    List<String> parts = new ArrayList<>();
    switch (seed.state()) {
      case OFFERING -> parts.add("staging had completed and no drive was offered yet");
      case STAGED -> parts.add("drives were offered and none was confirmed");
      case WRITING -> parts.add("the drive write was stopped");
      case WRITTEN -> parts.add("the import job was not created (should Azure have created it just before the cancel,"
          + " it stays in Creating with no drive shipped, and Azure deletes it after two weeks)");
      default -> throw new IllegalStateException("seed " + seed.seedId() + " is not held here: " + seed.state());
    }
    if (!written.isEmpty()) {
      parts.add(drives(written) + " written");
    }
    if (!partly.isEmpty()) {
      parts.add(drives(partly) + " partly written");
    }
    if (written.isEmpty() && partly.isEmpty()) {
      parts.add("no drive was touched");
    } else {
      parts.add((written.size() + partly.size() == 1 ? "format it" : "format them") + " before reuse");
    }
    if (!untouched.isEmpty()) {
      parts.add(drives(untouched) + " confirmed but not touched, and free again");
    }
    return String.join("; ", parts);
  }

  private static List<String> serials(List<PrepDrive> confirmed, DriveWriteState state) {
    return confirmed.stream().filter(d -> d.state() == state).map(PrepDrive::serial).toList();
  }

  /** "drive SN1 was" or "drives SN1 and SN2 were". */
  private static String drives(List<String> serials) {
    if (serials.size() == 1) {
      return "drive " + serials.getFirst() + " was";
    }
    return "drives " + String.join(", ", serials.subList(0, serials.size() - 1)) + " and " + serials.getLast()
        + " were";
  }
}
