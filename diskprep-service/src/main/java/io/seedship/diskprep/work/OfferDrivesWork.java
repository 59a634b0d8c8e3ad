package io.seedship.diskprep.work;

import io.seedship.contracts.codec.SeedshipCodec;
import io.seedship.contracts.common.SeedStage;
import io.seedship.contracts.outcome.SeedFailed;
import io.seedship.contracts.staging.SeedAccepted;
import io.seedship.contracts.staging.StagingCompleted;
import io.seedship.diskprep.checks.CopyMachineCheck;
import io.seedship.diskprep.inventory.DriveOffers;
import io.seedship.diskprep.offers.InventoryReports;
import io.seedship.diskprep.persistence.PrepSeed;
import io.seedship.diskprep.persistence.PrepSeedRepository;
import io.seedship.diskprep.persistence.PrepState;
import io.seedship.diskprep.staged.StagedData;
import io.seedship.diskprep.staged.StagedDataException;
import io.seedship.runtime.work.StageWork;
import io.seedship.runtime.work.WorkContext;
import io.seedship.runtime.work.WorkFailure;
import java.nio.file.Path;
import java.time.Clock;

/**
 * A seed of this copy machine is staged: check that this machine may prepare it and reaches its staging at the path
 * the seed names, size what the drives must hold, read the drives, and offer them (DriveInventoryReported, and
 * MoreDrivesNeeded when the eligible drives are not enough). The seed then waits for the operator's confirmation.
 */
public class OfferDrivesWork implements StageWork {

  public static final String KIND = "offer-drives";

  private final PrepSeedRepository seeds;
  private final DriveOffers offers;
  private final InventoryReports reports;
  private final CopyMachineCheck copyMachineCheck;
  private final SeedshipCodec codec;
  private final Clock clock;

  public OfferDrivesWork(PrepSeedRepository seeds, DriveOffers offers, InventoryReports reports,
                         CopyMachineCheck copyMachineCheck, SeedshipCodec codec, Clock clock) {
    this.seeds = seeds;
    this.offers = offers;
    this.reports = reports;
    this.copyMachineCheck = copyMachineCheck;
    this.codec = codec;
    this.clock = clock;
  }

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public SeedStage stage() {
    return SeedStage.DISK_PREP;
  }

  @Override
  public void run(WorkContext context) throws Exception {
    StagingCompleted staged = context.input(StagingCompleted.class);
    PrepSeed seed = seeds.require(context.seedId());
    // ACCEPTED: scheduled by an agent from before OFFERING existed
    if (seed.state() != PrepState.OFFERING && seed.state() != PrepState.ACCEPTED) {
      return; // offered already (a repeated run), or cancelled
    }
    SeedAccepted accepted = codec.decode(seed.accepted(), SeedAccepted.class);
    copyMachineCheck.check(accepted.getRequest());
    // the seed's own directory in the staging location: where staging wrote its manifest
    Path stagingDir = Path.of(staged.getManifestPath()).getParent();
    StagedData data;
    try {
      data = StagedData.read(stagingDir, staged.getManifestSha256(),
          accepted.getRequest().getContainer(), context.seedId());
    } catch (StagedDataException e) {
      throw WorkFailure.of(e.field(), e.getMessage(), "make the staging location reachable from copy machine "
          + reports.copyMachine() + " at " + staged.getStagingLocation() + " as staged, then request the seed again");
    }
    offers.refresh();
    var offered = offers.current();
    context.finish(tx -> {
      if (seeds.findByIdForUpdate(seed.seedId()).map(PrepSeed::state).orElse(null) != seed.state()) {
        return; // cancelled meanwhile: nothing is offered
      }
      seeds.update(seed.staged(stagingDir.toString(), staged.getManifestPath(), staged.getManifestSha256(),
          data.bytesNeeded(), data.sizes(), clock.instant()));
      tx.emit(reports.inventory(context.event("inventory"), offered, data.bytesNeeded()));
      reports.moreNeeded(() -> context.event("more-drives"), offered, data.files(), data.bytesNeeded()).ifPresent(tx::emit);
    });
  }

  @Override
  public void failed(WorkContext context, SeedFailed failure) {
    seeds.findById(context.seedId()).ifPresent(seed -> seeds.update(seed.failed(clock.instant())));
  }

  @Override
  public String whatToDo(Throwable cause) {
    return "check that copy machine " + reports.copyMachine() + " reaches the staging location and can read its"
        + " drives (see the agent's log), then request the seed again";
  }
}
