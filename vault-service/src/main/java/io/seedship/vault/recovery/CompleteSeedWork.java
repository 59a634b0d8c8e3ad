package io.seedship.vault.recovery;

import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.models.ListBlobsOptions;
import io.seedship.contracts.common.SeedStage;
import io.seedship.contracts.importjob.ImportJobFinished;
import io.seedship.contracts.outcome.SeedCompleted;
import io.seedship.contracts.outcome.StageTime;
import io.seedship.contracts.vault.ImportedDataDeleted;
import io.seedship.contracts.vault.IncrementalBackupsScheduled;
import io.seedship.runtime.azure.AzureClients;
import io.seedship.runtime.azure.AzureCloud;
import io.seedship.runtime.azure.recoveryservices.BackupClient;
import io.seedship.runtime.work.StageWork;
import io.seedship.runtime.work.WorkContext;
import io.seedship.vault.config.VaultProperties;
import io.seedship.vault.persistence.SeedStageStart;
import io.seedship.vault.persistence.SeedStageStartRepository;
import io.seedship.vault.persistence.VaultRecoveryPoint;
import io.seedship.vault.persistence.VaultRecoveryPointRepository;
import io.seedship.vault.persistence.VaultSeed;
import io.seedship.vault.persistence.VaultSeedRepository;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The seed's recovery point exists. On local-azure, whose vault can restore, the seed is restored from the vault's copy
 * and every file checked against the staging manifest ({@link VaultCopyCheck}); then the imported blobs are deleted
 * when configured, and the seed ends: IncrementalBackupsScheduled (the server's backups now build on the recovery
 * point) and the public SeedCompleted with its sizes and the time each stage took.
 */
public class CompleteSeedWork implements StageWork {

  public static final String KIND = "complete-seed";
  private static final Logger log = LoggerFactory.getLogger(CompleteSeedWork.class);

  private final VaultSeedRepository seeds;
  private final VaultRecoveryPointRepository points;
  private final SeedStageStartRepository starts;
  private final VaultCopyCheck copyCheck;
  private final AzureClients azure;
  private final VaultProperties properties;
  private final Clock clock;

  public CompleteSeedWork(VaultSeedRepository seeds, VaultRecoveryPointRepository points,
                          SeedStageStartRepository starts, VaultCopyCheck copyCheck, AzureClients azure,
                          VaultProperties properties, Clock clock) {
    this.seeds = seeds;
    this.points = points;
    this.starts = starts;
    this.copyCheck = copyCheck;
    this.azure = azure;
    this.properties = properties;
    this.clock = clock;
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
  public void run(WorkContext context) throws Exception {
    ImportJobFinished finished = context.input(ImportJobFinished.class);
    VaultSeed seed = seeds.findById(context.seedId()).orElseThrow();
    VaultRecoveryPoint point = points.findById(context.seedId()).orElseThrow();
    // real Azure restores a MARS recovery point only through the agent on the server; local-azure's vault can
    long filesVerified = azure.properties().getCloud() == AzureCloud.LOCAL ? copyCheck.check(context, seed, point) : 0;
    ImportedDataDeleted deleted = properties.deleteImportedData() ? deleteImported(context, seed) : null;
    BackupClient backup = azure.backup(seed.subscriptionId());
    String protectionState = backup.protectedItems(point.vaultId(), point.backupServer()).stream()
        .filter(item -> item.id().equalsIgnoreCase(point.protectedItemId()))
        .map(BackupClient.ProtectedItem::protectionState).findFirst().orElse("unknown");
    Instant now = clock.instant();
    context.finish(tx -> {
      if (deleted != null) {
        tx.emit(deleted);
      }
      tx.emit(IncrementalBackupsScheduled.newBuilder().setMetadata(context.event("incremental"))
          .setVaultId(point.vaultId()).setBackupServer(point.backupServer())
          .setProtectedItemId(point.protectedItemId()).setProtectionState(protectionState)
          .setSeedRecoveryPointId(point.recoveryPointId()).build());
      tx.emit(SeedCompleted.newBuilder().setMetadata(context.event("completed"))
          .setImportJobName(finished.getImportJobName()).setSubscriptionId(seed.subscriptionId())
          .setVaultId(point.vaultId()).setRecoveryPointId(point.recoveryPointId())
          .setRecoveryPointTime(point.recoveryPointTime())
          .setBytesSeeded(seed.importedBytes() == null ? 0 : seed.importedBytes())
          .setBackupServer(point.backupServer())
          .setBytesStaged(seed.stagedBytes() == null ? 0 : seed.stagedBytes())
          .setBytesImported(seed.importedBytes() == null ? 0 : seed.importedBytes())
          .setFilesVerified(filesVerified)
          .setStages(timeline(starts.findBySeedIdOrderByStartedAt(context.seedId()), now)).build());
    });
    log.info("seed {}: completed, recovery point {} in vault {}", context.seedId(), point.recoveryPointId(),
        point.vaultId());
  }

  /** Each stage from its first status to the next stage's first status; the last one to now. */
  static List<StageTime> timeline(List<SeedStageStart> starts, Instant end) {
    List<SeedStageStart> known = starts.stream().filter(s -> !SeedStage.UNKNOWN.name().equals(s.stage())).toList();
    List<StageTime> stages = new ArrayList<>();
    for (int i = 0; i < known.size(); i++) {
      Instant endedAt = i + 1 < known.size() ? known.get(i + 1).startedAt() : end;
      Instant startedAt = known.get(i).startedAt();
      stages.add(StageTime.newBuilder().setStage(SeedStage.valueOf(known.get(i).stage())).setStartedAt(startedAt)
          .setEndedAt(endedAt.isBefore(startedAt) ? startedAt : endedAt).build());
    }
    return stages;
  }

  /** The seed's blobs, and the container once nothing else is in it: safe to repeat, since it only deletes. */
  private ImportedDataDeleted deleteImported(WorkContext context, VaultSeed seed) {
    BlobContainerClient container = azure.storage(seed.subscriptionId())
        .blobService(seed.resourceGroup(), seed.storageAccount()).getBlobContainerClient(seed.container());
    int deleted = 0;
    boolean containerDeleted = false;
    if (container.exists()) {
      for (BlobItem blob : container.listBlobs(new ListBlobsOptions().setPrefix(seed.blobPrefix()), null)) {
        context.checkpoint();
        if (container.getBlobClient(blob.getName()).deleteIfExists()) {
          deleted++;
        }
      }
      if (!container.listBlobs(new ListBlobsOptions().setMaxResultsPerPage(1), null).iterator().hasNext()) {
        containerDeleted = container.deleteIfExists();
      }
    }
    log.info("seed {}: {} imported blob(s) deleted from {}/{}{}", context.seedId(), deleted, seed.storageAccount(),
        seed.container(), containerDeleted ? ", and the empty container" : "");
    return ImportedDataDeleted.newBuilder().setMetadata(context.event("imported-data-deleted"))
        .setStorageAccount(seed.storageAccount()).setContainer(seed.container()).setBlobPrefix(seed.blobPrefix())
        .setBlobsDeleted(deleted).setContainerDeleted(containerDeleted).build();
  }

  @Override
  public String whatToDo(Throwable cause) {
    return "check vault-service's access to the vault and the storage account (see its log); the seed's completion"
        + " then runs again";
  }
}
