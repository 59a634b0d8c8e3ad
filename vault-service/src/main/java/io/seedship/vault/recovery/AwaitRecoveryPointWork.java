package io.seedship.vault.recovery;

import io.seedship.contracts.common.SeedStage;
import io.seedship.contracts.importjob.ImportJobFinished;
import io.seedship.contracts.vault.VaultCopyProgress;
import io.seedship.contracts.vault.VaultSeeded;
import io.seedship.runtime.azure.AzureClients;
import io.seedship.runtime.azure.recoveryservices.BackupClient;
import io.seedship.runtime.work.StageWork;
import io.seedship.runtime.work.WorkContext;
import io.seedship.runtime.work.WorkDeferred;
import io.seedship.runtime.work.WorkFailure;
import io.seedship.vault.config.VaultProperties;
import io.seedship.vault.persistence.VaultRecoveryPoint;
import io.seedship.vault.persistence.VaultRecoveryPointRepository;
import io.seedship.vault.persistence.VaultSeed;
import io.seedship.vault.persistence.VaultSeedRepository;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The import is verified; the backup server's agent moves it into the Recovery Services vault at its next scheduled
 * backup. This watches the vault (the server's registration, its backup jobs, its protected item's recovery points)
 * until the first recovery point after the import's end exists: VaultSeeded, then {@link CompleteSeedWork}. The copy's
 * progress is reported from the running backup job; without a recovery point within
 * {@code seedship.vault.recovery-point-limit} on Azure's clock, the seed fails naming what the vault showed.
 */
public class AwaitRecoveryPointWork implements StageWork {

  public static final String KIND = "await-recovery-point";
  private static final Logger log = LoggerFactory.getLogger(AwaitRecoveryPointWork.class);

  private final VaultSeedRepository seeds;
  private final VaultRecoveryPointRepository points;
  private final AzureClients azure;
  private final VaultProperties properties;
  /** The last copy progress reported per unit: a repeat after a restart only reports once more. */
  private final Map<String, Long> reported = new ConcurrentHashMap<>();

  public AwaitRecoveryPointWork(VaultSeedRepository seeds, VaultRecoveryPointRepository points, AzureClients azure,
                                VaultProperties properties) {
    this.seeds = seeds;
    this.points = points;
    this.azure = azure;
    this.properties = properties;
  }

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public SeedStage stage() {
    return SeedStage.VAULT;
  }

  @Override
  public void run(WorkContext context) {
    ImportJobFinished finished = context.input(ImportJobFinished.class);
    VaultSeed known = seeds.findById(context.seedId()).orElseThrow(() -> new IllegalStateException(
        "seed " + context.seedId() + " was verified but vault-service has no record of it"));
    if (known.backupServer() == null || known.backupServer().isBlank()) {
      throw new WorkFailure("seed " + context.seedId() + "'s request names no backup server, so no vault can be"
          + " watched for its recovery point", "request the seed again naming its backup server", List.of());
    }
    Instant importEnded = finished.getMetadata().getOccurredAt();
    // the limit counts on Azure's clock (local-azure's runs move it by days) from the watch's first look
    VaultSeed seed = known.recoveryWatchFrom() != null ? known
        : seeds.update(known.watchingFrom(azure.time().instant()));
    Instant limit = seed.recoveryWatchFrom().plus(properties.recoveryPointLimit());
    String server = seed.backupServer();
    BackupClient backup = azure.backup(seed.subscriptionId());
    Optional<BackupClient.RegisteredServer> registered = backup.findServer(server);
    if (registered.isEmpty()) {
      awaitOrFail(context, limit, "backup server " + server + " is not registered with any Recovery Services vault of"
          + " subscription " + seed.subscriptionId(), "register " + server + " with its vault (the backup agent's"
          + " vault credentials); its next scheduled backup then takes the imported seed");
      return;
    }
    String vaultId = registered.get().vaultId();
    List<BackupClient.BackupJob> jobs = backup.backupJobs(vaultId, server, importEnded.atOffset(ZoneOffset.UTC));
    // the seed's recovery point is the server's first since the seed was requested (an offline seed is its initial
    // backup); its time is on Azure's clock, which is never behind ours
    Instant requested = seed.acceptedAt();
    Optional<Found> first = backup.protectedItems(vaultId, server).stream()
        .flatMap(item -> backup.recoveryPoints(item.id()).stream()
            .filter(rp -> !rp.time().toInstant().isBefore(requested))
            .map(rp -> new Found(item, rp)))
        .min(Comparator.comparing(f -> f.point().time()));
    if (first.isPresent()) {
      BackupClient.ProtectedItem item = first.get().item();
      BackupClient.RecoveryPoint point = first.get().point();
      context.finish(tx -> {
        points.save(new VaultRecoveryPoint(seed.seedId(), vaultId, server, item.id(), point.id(),
            point.time().toInstant(), null));
        tx.emit(VaultSeeded.newBuilder().setMetadata(context.event("seeded")).setVaultId(vaultId)
            .setRecoveryPointId(point.id()).setRecoveryPointTime(point.time().toInstant())
            .setBytesSeeded(seed.importedBytes() == null ? 0 : seed.importedBytes()).build());
        tx.schedule(CompleteSeedWork.KIND);
      });
      reported.remove(context.workId());
      log.info("seed {}: recovery point {} in vault {}", context.seedId(), point.id(), vaultId);
      return;
    }
    jobs.stream().filter(j -> "InProgress".equalsIgnoreCase(j.status()) && j.bytesTotal() != null
        && j.bytesTransferred() != null).findFirst().ifPresent(job -> report(context, vaultId, job));
    String lastFailure = jobs.stream().filter(j -> "Failed".equalsIgnoreCase(j.status()))
        .max(Comparator.comparing(BackupClient.BackupJob::startTime))
        .map(j -> "; its last backup job " + j.name() + " failed: " + j.errorMessage()).orElse("");
    awaitOrFail(context, limit, "vault " + vaultId + " has no recovery point of " + server + " since the import ended"
        + " at " + importEnded + lastFailure, "check " + server + "'s backup agent: its schedule, and the error its"
        + " backup jobs report; the seed's data stays in the storage account until a recovery point exists");
  }

  private record Found(BackupClient.ProtectedItem item, BackupClient.RecoveryPoint point) {
  }

  private void report(WorkContext context, String vaultId, BackupClient.BackupJob job) {
    Long before = reported.put(context.workId(), job.bytesTransferred());
    if (before == null || before.longValue() != job.bytesTransferred()) {
      // the vault reports bytes, not blobs
      context.progress(VaultCopyProgress.newBuilder().setMetadata(context.progressEvent()).setVaultId(vaultId)
          .setBytesCopied(job.bytesTransferred()).setBytesTotal(job.bytesTotal()).setBlobsCopied(0).setBlobsTotal(0)
          .build(), "backup job " + job.name() + ": " + job.bytesTransferred() + " of " + job.bytesTotal() + " bytes");
    }
  }

  /** Waits on Azure's clock (local-azure's may jump), never past the limit and never longer than the poll interval. */
  private void awaitOrFail(WorkContext context, Instant limit, String what, String whatToDo) {
    Instant now = azure.time().instant();
    if (!now.isBefore(limit)) {
      reported.remove(context.workId());
      throw new WorkFailure("no recovery point for seed " + context.seedId() + " by " + limit + ": " + what,
          whatToDo, List.of());
    }
    throw WorkDeferred.until(limit, now, properties.pollInterval(), what);
  }

  @Override
  public String whatToDo(Throwable cause) {
    return "check vault-service's access to the vault (see its log); the watch then runs again";
  }
}
