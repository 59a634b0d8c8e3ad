package io.seedship.contracts;

import io.seedship.contracts.cert.ApplicationReady;
import io.seedship.contracts.cert.CertificateExported;
import io.seedship.contracts.command.CancelSeed;
import io.seedship.contracts.command.ConfirmDriveFormat;
import io.seedship.contracts.command.RegisterShipment;
import io.seedship.contracts.command.RequestSeed;
import io.seedship.contracts.diskprep.DriveFormatConfirmed;
import io.seedship.contracts.diskprep.DriveFormatRefused;
import io.seedship.contracts.diskprep.DriveWriteProgress;
import io.seedship.contracts.diskprep.MoreDrivesNeeded;
import io.seedship.contracts.diskprep.RecoveryPasswordHandedOut;
import io.seedship.contracts.diskprep.DriveInventoryReported;
import io.seedship.contracts.diskprep.DrivePrepared;
import io.seedship.contracts.diskprep.ImportJobCreated;
import io.seedship.contracts.importjob.DriveCopyLogReported;
import io.seedship.contracts.importjob.DriveStateChanged;
import io.seedship.contracts.importjob.ImportJobFinished;
import io.seedship.contracts.importjob.ImportJobProgress;
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
import io.seedship.contracts.status.SeedStatus;
import io.seedship.contracts.vault.ImportVerified;
import io.seedship.contracts.vault.ImportedDataDeleted;
import io.seedship.contracts.vault.IncrementalBackupsScheduled;
import io.seedship.contracts.vault.VaultCopyProgress;
import io.seedship.contracts.vault.VaultSeeded;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;

/**
 * The catalog of every Seedship topic: the one place topic names are spelled. Keys are the seed id, except for the
 * audit of a certificate's export, keyed by the certificate (it serves servers across seeds).
 */
public final class Topics {

  public static final int DEFAULT_PARTITIONS = 12;

  public static final Topic COMMANDS = new Topic("seedship.commands", false, DEFAULT_PARTITIONS,
      List.of(RequestSeed.class, ConfirmDriveFormat.class, RegisterShipment.class, CancelSeed.class),
      "Operator commands: request a seed, confirm drive formatting, register a shipment, cancel a seed.");
  public static final Topic CERT_EVENTS = new Topic("seedship.cert.events", false, DEFAULT_PARTITIONS,
      List.of(ApplicationReady.class, CertificateExported.class),
      "cert-service: the Azure AD application and its certificate are ready; a certificate exported (audit, keyed by "
          + "'certificate:<thumbprint>').");
  public static final Topic STAGING_EVENTS = new Topic("seedship.staging.events", false, DEFAULT_PARTITIONS,
      List.of(SeedAccepted.class, StagingProgress.class, StagingCompleted.class),
      "staging-service: seed accepted, staging progress, staging completed.");
  public static final Topic DISKPREP_EVENTS = new Topic("seedship.diskprep.events", false, DEFAULT_PARTITIONS,
      List.of(DriveInventoryReported.class, MoreDrivesNeeded.class, DriveFormatConfirmed.class, DriveFormatRefused.class,
          DriveWriteProgress.class, DrivePrepared.class, ImportJobCreated.class, RecoveryPasswordHandedOut.class),
      "diskprep-service: drive inventory, more drives needed, format confirmed or refused, drive write progress, drives"
          + " prepared, import job created, recovery password handed out (audit).");
  public static final Topic SHIPPING_EVENTS = new Topic("seedship.shipping.events", false, DEFAULT_PARTITIONS,
      List.of(ShipmentRegistered.class, ShipmentRefused.class, ArrivalDeadlineWarning.class,
          ArrivalDeadlineExpired.class, UnshippedJobWarning.class, CancelRefused.class),
      "shipping-service: shipment registered (or changed) or refused, arrival deadline warning and expiry, unshipped"
          + " job warning, a cancel Azure refused.");
  public static final Topic IMPORTJOB_EVENTS = new Topic("seedship.importjob.events", false, DEFAULT_PARTITIONS,
      List.of(ImportJobStateChanged.class, DriveStateChanged.class, ImportJobProgress.class, ImportJobFinished.class,
          DriveCopyLogReported.class),
      "importmonitor-service: import job and drive state changes and progress seen in Azure, the job's end, and the"
          + " failed blobs and blocks of each drive's copy log.");
  public static final Topic VAULT_EVENTS = new Topic("seedship.vault.events", false, DEFAULT_PARTITIONS,
      List.of(ImportVerified.class, VaultCopyProgress.class, VaultSeeded.class, IncrementalBackupsScheduled.class,
          ImportedDataDeleted.class),
      "vault-service: import verified against staging, copy into the Recovery Services vault, recovery point made,"
          + " incremental backups on top of it, imported data deleted (when configured).");
  public static final Topic SEED_OUTCOMES = new Topic("seedship.seed.outcomes", false, DEFAULT_PARTITIONS,
      List.of(SeedCompleted.class, SeedFailed.class),
      "Public: the outcome of each seed, completed or failed. Other systems subscribe here.");
  public static final Topic SEED_STATUS = new Topic("seedship.seed.status", true, DEFAULT_PARTITIONS,
      List.of(SeedStatus.class),
      "Compacted: the latest status of every seed.");
  public static final Topic DEAD_LETTERS = new Topic("seedship.deadletter", false, 3, List.of(),
      "Records that could not be decoded or kept failing, with the error and their origin in headers.");
  public static final Topic REPLAY = new Topic("seedship.replay", false, DEFAULT_PARTITIONS, List.of(),
      "Records an SRE re-delivers (a replay, a dead letter's redrive), each addressed to one consumer group by its "
          + DeliveryHeaders.REPLAY_TO + " header; the other groups pass them by. The original records, unchanged.");

  public static final List<Topic> ALL = List.of(COMMANDS, CERT_EVENTS, STAGING_EVENTS, DISKPREP_EVENTS,
      SHIPPING_EVENTS, IMPORTJOB_EVENTS, VAULT_EVENTS, SEED_OUTCOMES, SEED_STATUS, DEAD_LETTERS, REPLAY);

  private Topics() {
  }

  /** Every record type that travels on some topic: the messages of Seedship. */
  public static Set<Class<? extends SpecificRecord>> messageTypes() {
    Set<Class<? extends SpecificRecord>> types = new LinkedHashSet<>();
    ALL.forEach(t -> types.addAll(t.valueTypes()));
    return types;
  }

  /** The topic a record type is published to; each message type has exactly one. */
  public static Topic topicOf(Class<? extends SpecificRecord> type) {
    return ALL.stream().filter(t -> t.carries(type)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException(type.getName() + " is not carried by any Seedship topic"));
  }

  public static Optional<Topic> byName(String name) {
    return ALL.stream().filter(t -> t.name().equals(name)).findFirst();
  }
}
