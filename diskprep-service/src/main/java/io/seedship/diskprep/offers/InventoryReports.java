package io.seedship.diskprep.offers;

import io.seedship.contracts.common.EventMetadata;
import io.seedship.contracts.diskprep.DriveBus;
import io.seedship.contracts.diskprep.DriveInfo;
import io.seedship.contracts.diskprep.DriveInventoryReported;
import io.seedship.contracts.diskprep.DriveMedia;
import io.seedship.contracts.diskprep.MoreDrivesNeeded;
import io.seedship.diskprep.checks.DriveCheckReport;
import io.seedship.driveformat.DriveException;
import io.seedship.driveformat.plan.DriveCapacity;
import io.seedship.driveformat.plan.DriveTarget;
import io.seedship.driveformat.plan.SourceFile;
import io.seedship.driveformat.plan.SpanPlanner;
import io.seedship.diskprep.checks.DriveChecks;
import io.seedship.diskprep.checks.Refusal;
import io.seedship.diskprep.inventory.Drive;
import io.seedship.diskprep.inventory.DriveOffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The events that tell an operator which drives this copy machine offers for a seed, and whether they are enough: one
 * home for their shape, used when a seed is staged and whenever drives come and go.
 */
public final class InventoryReports {

  private final String copyMachine;
  private final DriveChecks checks;

  public InventoryReports(String copyMachine, DriveChecks checks) {
    this.copyMachine = copyMachine;
    this.checks = checks;
  }

  public String copyMachine() {
    return copyMachine;
  }

  /** The drives offered for a seed needing {@code bytesNeeded}; each eligible or not, with the reason. */
  public DriveInventoryReported inventory(EventMetadata metadata, List<DriveOffer> offers, long bytesNeeded) {
    return DriveInventoryReported.newBuilder().setMetadata(metadata).setCopyMachine(copyMachine)
        .setDrives(drives(offers)).setBytesRequired(bytesNeeded).build();
  }

  /** Each drive offered, eligible or not with every reason (the checks for one drive, and not already prepared). */
  public List<DriveInfo> drives(List<DriveOffer> offers) {
    List<DriveInfo> drives = new ArrayList<>();
    for (DriveOffer offer : offers) {
      List<String> reasons = new ArrayList<>(checks.check(List.of(offer.drive()), 0).drives().getFirst().refusals()
          .stream().map(Refusal::message).toList());
      notPrepared(offer).ifPresent(r -> reasons.add(r.message()));
      Drive d = offer.drive();
      drives.add(DriveInfo.newBuilder().setSerialNumber(d.serial()).setModel(d.model().isEmpty() ? null : d.model())
          .setDevicePath(d.device().toString()).setSizeBytes(d.sizeBytes()).setBus(bus(d)).setMedia(media(d))
          .setMounted(!d.mountPoints().isEmpty()).setEligible(reasons.isEmpty())
          .setIneligibleReason(reasons.isEmpty() ? null : String.join("; ", reasons)).build());
    }
    return drives;
  }

  /** When the eligible drives offered cannot hold the staged files: the event asking for more. */
  public Optional<MoreDrivesNeeded> moreNeeded(Supplier<EventMetadata> metadata, List<DriveOffer> offers,
                                               List<SourceFile> files, long bytesNeeded) {
    List<Drive> eligible = offers.stream().filter(o -> notPrepared(o).isEmpty()).map(DriveOffer::drive)
        .filter(d -> checks.check(List.of(d), 0).drives().getFirst().accepted()).toList();
    return shortfall(eligible, files, bytesNeeded).map(missing -> moreDrives(metadata, eligible, bytesNeeded, missing));
  }

  /**
   * The drive space {@code drives} lack for {@code files}: the capacity they miss in total or, when the total would do,
   * what the planner cannot place (a blob is never split, so large blobs can be left over). Empty when they hold all.
   */
  public Optional<Long> shortfall(List<Drive> drives, List<SourceFile> files, long bytesNeeded) {
    DriveCheckReport report = checks.check(drives, bytesNeeded);
    if (report.bytesStillToPlace() > 0) {
      return Optional.of(report.bytesStillToPlace());
    }
    try {
      SpanPlanner.plan(files, drives.stream().map(d -> new DriveTarget(d.device(), d.serial(), d.sizeBytes()))
          .toList());
      return Optional.empty();
    } catch (SpanPlanner.DoesNotFit e) {
      return Optional.of(e.bytesLeftOver());
    } catch (DriveException e) {
      throw new IllegalStateException("planning over the drives offered failed: " + e.getMessage(), e);
    }
  }

  public MoreDrivesNeeded moreDrives(Supplier<EventMetadata> metadata, List<Drive> drives, long bytesNeeded,
                                     long missing) {
    long offered = drives.stream().mapToLong(d -> DriveCapacity.available(d.sizeBytes())).sum();
    return MoreDrivesNeeded.newBuilder().setMetadata(metadata.get()).setCopyMachine(copyMachine)
        .setBytesRequired(bytesNeeded).setBytesOffered(offered).setBytesStillToPlace(missing)
        .setEligibleDrives(drives.size()).build();
  }

  /** The refusal of a drive that may already be prepared (see {@link DriveOffer#mayBePrepared()}). */
  public static Optional<Refusal> notPrepared(DriveOffer offer) {
    if (!offer.mayBePrepared()) {
      return Optional.empty();
    }
    return Optional.of(new Refusal(io.seedship.diskprep.checks.DriveRule.NOT_PREPARED, offer.drive().label()
        + " holds " + offer.contents() + ": it may be a drive already prepared for a seed, and a drive is never"
        + " formatted twice; if it is really free, erase its first and last MiB (wipefs -a, or dd) and offer it again"));
  }

  private static DriveBus bus(Drive d) {
    return switch (d.transport()) {
      case SATA -> DriveBus.SATA;
      case SAS -> DriveBus.SAS;
      case NVME -> DriveBus.NVME;
      case USB -> DriveBus.USB;
      case VIRTUAL -> DriveBus.VIRTUAL;
      case OTHER -> DriveBus.UNKNOWN;
    };
  }

  private static DriveMedia media(Drive d) {
    return switch (d.media()) {
      case HDD -> DriveMedia.HDD;
      case SSD -> DriveMedia.SSD;
      case UNKNOWN -> DriveMedia.UNKNOWN;
    };
  }
}
