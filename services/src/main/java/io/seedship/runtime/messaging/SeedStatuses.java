package io.seedship.runtime.messaging;

import io.seedship.contracts.cert.ApplicationReady;
import io.seedship.contracts.command.RequestSeed;
import io.seedship.contracts.common.EventMetadata;
import io.seedship.contracts.common.ImportJobState;
import io.seedship.contracts.common.SeedStage;
import io.seedship.contracts.diskprep.DriveFormatConfirmed;
import io.seedship.contracts.diskprep.DriveFormatRefused;
import io.seedship.contracts.diskprep.DriveInventoryReported;
import io.seedship.contracts.diskprep.DriveWriteProgress;
import io.seedship.contracts.diskprep.MoreDrivesNeeded;
import io.seedship.contracts.diskprep.DrivePrepared;
import io.seedship.contracts.diskprep.ImportJobCreated;
import io.seedship.contracts.importjob.ImportJobFinished;
import io.seedship.contracts.importjob.ImportJobStateChanged;
import io.seedship.contracts.outcome.SeedCompleted;
import io.seedship.contracts.outcome.SeedFailed;
import io.seedship.contracts.shipping.ArrivalDeadlineExpired;
import io.seedship.contracts.shipping.ArrivalDeadlineWarning;
import io.seedship.contracts.shipping.CancelRefused;
import io.seedship.contracts.shipping.ShipmentRefused;
import io.seedship.contracts.shipping.ShipmentRegistered;
import io.seedship.contracts.shipping.UnshippedJobWarning;
import io.seedship.contracts.staging.SeedAccepted;
import io.seedship.contracts.staging.StagingCompleted;
import io.seedship.contracts.staging.StagingProgress;
import io.seedship.contracts.status.SeedState;
import io.seedship.contracts.status.SeedStatus;
import io.seedship.contracts.vault.ImportVerified;
import io.seedship.contracts.vault.IncrementalBackupsScheduled;
import io.seedship.contracts.vault.VaultCopyProgress;
import io.seedship.contracts.vault.VaultSeeded;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;

/**
 * The seed's latest status, derived from each event that moves it: the one place that says which event means which
 * state and stage. The runtime publishes the status beside the event, in the same Kafka transaction, on the compacted
 * status topic, so the topic always ends with the seed's latest word whichever service spoke it.
 */
public final class SeedStatuses {

  private SeedStatuses() {
  }

  public static Optional<SeedStatus> of(SpecificRecord event) {
    return Optional.ofNullable(statusOf(event)).map(s -> {
      s.setEvent(event.getSchema().getName());
      return s;
    });
  }

  private static SeedStatus statusOf(SpecificRecord event) {
    return switch (event) {
      case RequestSeed r -> status(r.getMetadata(), SeedState.REQUESTED, SeedStage.INTAKE,
          "requested; checking the request and sizing the source", r.getRequest().getImportJobName(), null);
      case SeedAccepted a -> status(a.getMetadata(), SeedState.ACCEPTED, SeedStage.CERTIFICATE,
          "accepted; preparing the backup server", a.getRequest().getImportJobName(), null);
      case ApplicationReady a -> status(a.getMetadata(), SeedState.STAGING, SeedStage.STAGING,
          "backup server prepared (certificate " + a.getCertificateThumbprint() + "); staging the initial backup",
          null, 0);
      case StagingProgress p -> status(p.getMetadata(), SeedState.STAGING, SeedStage.STAGING,
          "staging: " + p.getFilesDone() + " of " + p.getFilesTotal() + " files" + pace(p.getBytesPerSecond(),
              p.getEstimatedSecondsRemaining()), null, percent(p.getBytesDone(), p.getBytesTotal()));
      case StagingCompleted c -> status(c.getMetadata(), SeedState.STAGED, SeedStage.STAGING,
          "staged: " + c.getFileCount() + " files in " + c.getChunkCount() + " chunk(s), manifest "
              + c.getManifestPath() + (c.getSkippedCount() == 0 ? "" : "; " + c.getSkippedCount()
              + " entries not staged (fifos, sockets, devices; listed in StagingCompleted and the manifest)"),
          null, 100);
      case DriveInventoryReported r -> status(r.getMetadata(), SeedState.STAGED, SeedStage.DISK_PREP,
          r.getDrives().stream().filter(d -> d.getEligible()).count() + " eligible drive(s) offered on "
              + r.getCopyMachine() + " for " + r.getBytesRequired() + " bytes; confirm the drives to format", null,
          null);
      case MoreDrivesNeeded m -> status(m.getMetadata(), SeedState.STAGED, SeedStage.DISK_PREP,
          "more drives needed on " + m.getCopyMachine() + ": " + m.getBytesStillToPlace() + " bytes still to place",
          null, null);
      // refused for the seed itself (unknown here, not staged yet, confirmed already, ended): the seed is where it was
      case DriveFormatRefused r when r.getProblems().stream().anyMatch(p -> "seedId".equals(p.getField())) -> null;
      case DriveFormatRefused r -> status(r.getMetadata(), SeedState.STAGED, SeedStage.DISK_PREP,
          "drive formatting refused on " + r.getCopyMachine() + ": " + String.join("; ",
              r.getProblems().stream().map(p -> p.getMessage()).toList()), null, null);
      case DriveWriteProgress p -> status(p.getMetadata(), SeedState.PREPARING_DRIVES, SeedStage.DISK_PREP,
          "writing drive " + p.getDriveId() + " (" + p.getDriveIndex() + " of " + p.getDriveCount() + "): "
              + p.getBytesDone() + " of " + p.getBytesTotal() + " bytes" + pace(p.getBytesPerSecond(),
              p.getSecondsLeft()), null, percent(p.getBytesDone(), p.getBytesTotal()));
      case DriveFormatConfirmed d -> status(d.getMetadata(), SeedState.PREPARING_DRIVES, SeedStage.DISK_PREP,
          "drive formatting confirmed on " + d.getCopyMachine(), null, null);
      case DrivePrepared d -> status(d.getMetadata(), SeedState.PREPARING_DRIVES, SeedStage.DISK_PREP,
          "drive " + d.getDriveId() + " prepared", null, null);
      case ImportJobCreated j -> status(j.getMetadata(), SeedState.AWAITING_SHIPMENT, SeedStage.SHIPPING,
          "import job created; waiting for the shipment", j.getImportJobName(), null);
      // a refused change leaves the registered package, and the seed where it is
      case ShipmentRefused r when r.getRegisteredTrackingNumber() != null -> null;
      case ShipmentRefused r -> status(r.getMetadata(), SeedState.AWAITING_SHIPMENT, SeedStage.SHIPPING,
          "shipment " + r.getTrackingNumber() + " refused: " + String.join("; ",
              r.getProblems().stream().map(p -> p.getMessage()).toList()), r.getImportJobName(), null);
      case ShipmentRegistered s -> status(s.getMetadata(), SeedState.IN_TRANSIT, SeedStage.SHIPPING,
          "shipped with " + s.getCarrierName() + ", tracking " + s.getTrackingNumber(), s.getImportJobName(), null);
      case UnshippedJobWarning w -> status(w.getMetadata(), SeedState.AWAITING_SHIPMENT, SeedStage.SHIPPING,
          "not shipped: Azure deletes import job " + w.getImportJobName() + " at " + w.getDeletionDue()
              + " unless the shipment is registered before", w.getImportJobName(), null);
      case ArrivalDeadlineWarning w -> status(w.getMetadata(), SeedState.IN_TRANSIT, SeedStage.SHIPPING,
          "package " + w.getTrackingNumber() + " not received yet; it must reach the datacenter by "
              + w.getArrivalDeadline(), w.getImportJobName(), null);
      case ArrivalDeadlineExpired e -> status(e.getMetadata(), SeedState.IN_TRANSIT, SeedStage.SHIPPING,
          "package " + e.getTrackingNumber() + " not received by " + e.getArrivalDeadline() + ": the drives may not"
              + " be processed; ask the carrier, then Azure support", e.getImportJobName(), null);
      // Creating and Shipping are the job's states while its drives are still on the premises or on their way
      case ImportJobStateChanged j when j.getState() == ImportJobState.CREATING -> status(j.getMetadata(),
          SeedState.AWAITING_SHIPMENT, SeedStage.SHIPPING, "import job " + j.getState(), j.getImportJobName(), null);
      case ImportJobStateChanged j when j.getState() == ImportJobState.SHIPPING -> status(j.getMetadata(),
          SeedState.IN_TRANSIT, SeedStage.SHIPPING, "import job " + j.getState(), j.getImportJobName(), null);
      case ImportJobStateChanged j -> status(j.getMetadata(), SeedState.IMPORTING, SeedStage.IMPORT,
          "import job " + j.getState(), j.getImportJobName(), j.getPercentComplete());
      case CancelRefused r -> status(r.getMetadata(), SeedState.IMPORTING, SeedStage.IMPORT, "cancel refused: "
          + r.getReason() + "; the import goes on", r.getImportJobName(), null);
      case ImportJobFinished f -> status(f.getMetadata(), SeedState.IMPORTING, SeedStage.IMPORT,
          "import job ended " + f.getOutcome() + ": " + f.getDetail(), f.getImportJobName(), null);
      case ImportVerified v -> status(v.getMetadata(), SeedState.IMPORTING, SeedStage.IMPORT,
          "import verified: " + v.getBlobCount() + " blob(s), " + v.getBytesVerified() + " bytes in " + v.getContainer()
              + "/" + v.getBlobPrefix() + " as staging wrote them", v.getImportJobName(), 100);
      case VaultCopyProgress v -> status(v.getMetadata(), SeedState.COPYING_TO_VAULT, SeedStage.VAULT,
          "copying into the vault", null, percent(v.getBytesCopied(), v.getBytesTotal()));
      case VaultSeeded v -> status(v.getMetadata(), SeedState.COPYING_TO_VAULT, SeedStage.VAULT,
          "recovery point " + v.getRecoveryPointId() + " made", null, 100);
      case IncrementalBackupsScheduled i -> status(i.getMetadata(), SeedState.COPYING_TO_VAULT, SeedStage.VAULT,
          "backup server " + i.getBackupServer() + " now backs up incrementally on top of recovery point "
              + i.getSeedRecoveryPointId(), null, 100);
      case SeedCompleted c -> status(c.getMetadata(), SeedState.COMPLETED, SeedStage.VAULT,
          "completed: recovery point " + c.getRecoveryPointId() + " in vault " + c.getVaultId()
              + (c.getBackupServer() == null ? "" : "; " + c.getBackupServer() + " backs up incrementally on top of it"),
          c.getImportJobName(), 100);
      case SeedFailed f -> status(f.getMetadata(), f.getCancelled() ? SeedState.CANCELLED : SeedState.FAILED,
          f.getStage(), f.getAction() == null ? f.getReason() : f.getReason() + " | what to do: " + f.getAction(),
          null, null);
      default -> null;
    };
  }

  private static SeedStatus status(EventMetadata cause, SeedState state, SeedStage stage, String detail,
                                   String importJobName, Integer percent) {
    // the status's id is derived from its event's: publishing the event again repeats the same status
    String id = UUID.nameUUIDFromBytes((cause.getEventId() + "/status").getBytes(StandardCharsets.UTF_8)).toString();
    EventMetadata metadata = EventMetadata.newBuilder(cause).setEventId(id).setCausationId(cause.getEventId()).build();
    return SeedStatus.newBuilder().setMetadata(metadata).setState(state).setStage(stage)
        .setDetail(detail.length() <= 2000 ? detail : detail.substring(0, 1997) + "...")
        .setImportJobName(importJobName).setPercentComplete(percent).build();
  }

  /** The rate and the time left a long step reports, as {@code seedship seed watch} shows them beside its bar. */
  static String pace(double bytesPerSecond, Long secondsLeft) {
    String rate = String.format(java.util.Locale.ROOT, ", %.1f MB/s", bytesPerSecond / 1e6);
    return secondsLeft == null ? rate : rate + ", " + java.time.Duration.ofSeconds(secondsLeft).toString().substring(2)
        .toLowerCase(java.util.Locale.ROOT) + " left";
  }

  private static Integer percent(long done, long total) {
    return total <= 0 ? null : (int) Math.min(100, done * 100 / total);
  }
}
