package io.seedship.vault.recovery;

import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.models.ListBlobsOptions;
import io.seedship.runtime.azure.AzureClients;
import io.seedship.runtime.azure.recoveryservices.BackupClient;
import io.seedship.runtime.work.WorkContext;
import io.seedship.runtime.work.WorkDeferred;
import io.seedship.runtime.work.WorkFailure;
import io.seedship.stagingformat.restore.RestoreReport;
import io.seedship.stagingformat.restore.StagingRestorer;
import io.seedship.vault.persistence.VaultRecoveryPoint;
import io.seedship.vault.persistence.VaultRecoveryPointRepository;
import io.seedship.vault.persistence.VaultSeed;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The seed restored from the vault's copy, checked file by file: the recovery point is restored into a container of
 * the seed's storage account, its blobs are read down and every file decompressed and checked against the hash the
 * staging manifest records for it (XXH3-128, or SHA-256 in format 1; the manifest itself trusted by StagingCompleted's
 * hash), with every block MD5 and zstd frame checksum on the way, then the restored copy is removed. What was hashed at
 * staging is what the vault gives back.
 */
public class VaultCopyCheck {

  private static final Logger log = LoggerFactory.getLogger(VaultCopyCheck.class);
  private static final Duration RESTORE_POLL = Duration.ofSeconds(2);

  private final VaultRecoveryPointRepository points;
  private final AzureClients azure;

  public VaultCopyCheck(VaultRecoveryPointRepository points, AzureClients azure) {
    this.points = points;
    this.azure = azure;
  }

  /** Returns the number of files whose hash matched; defers while the restore runs; fails naming what differs. */
  public long check(WorkContext context, VaultSeed seed, VaultRecoveryPoint point) throws IOException {
    BackupClient backup = azure.backup(seed.subscriptionId());
    String target = restoreContainer(seed.seedId());
    String operation = point.restoreOperation();
    if (operation == null) {
      operation = backup.startRestore(point.recoveryPointId(), seed.storageAccountId(), target);
      points.update(point.restoring(operation));
    }
    BackupClient.RestoreOperation restore = backup.restore(operation);
    switch (restore.status()) {
      case IN_PROGRESS -> throw new WorkDeferred(RESTORE_POLL, "restoring recovery point " + point.recoveryPointId()
          + " into container " + target);
      case FAILED -> throw new WorkFailure("restoring seed " + seed.seedId() + " from recovery point "
          + point.recoveryPointId() + " of vault " + point.vaultId() + " failed: " + restore.errorCode() + ": "
          + restore.errorMessage() + " (operation " + operation + ")",
          "look at the vault's restore operation; the seed's data is still in the storage account, so the check can"
              + " run again once the vault restores", List.of());
      case SUCCEEDED -> {
      }
    }
    BlobContainerClient restored = azure.storage(seed.subscriptionId())
        .blobService(seed.resourceGroup(), seed.storageAccount()).getBlobContainerClient(target);
    if (!restored.exists()) {
      // an earlier run checked and removed it, then lost its lease before finishing: restore again
      points.update(point.restoring(backup.startRestore(point.recoveryPointId(), seed.storageAccountId(), target)));
      throw new WorkDeferred(RESTORE_POLL, "restoring recovery point " + point.recoveryPointId() + " again");
    }
    Path directory = Files.createTempDirectory("seedship-vault-restore");
    try {
      for (BlobItem blob : restored.listBlobs(new ListBlobsOptions().setPrefix(seed.blobPrefix()), null)) {
        context.checkpoint();
        String name = blob.getName().substring(seed.blobPrefix().length());
        Path file = directory.resolve(name).normalize();
        if (!file.startsWith(directory) || name.isEmpty()) {
          throw new WorkFailure("the vault's copy of seed " + seed.seedId() + " holds blob " + blob.getName()
              + ", which is no name staging writes", "ask Azure Backup support about the vault's copy", List.of());
        }
        Files.createDirectories(file.getParent());
        restored.getBlobClient(blob.getName()).downloadToFile(file.toString(), true);
      }
      RestoreReport report;
      try {
        report = new StagingRestorer().verify(directory);
      } catch (IOException e) { // a ManifestException names the file, chunk or block
        throw new WorkFailure("the vault's copy of seed " + seed.seedId() + " (recovery point "
            + point.recoveryPointId() + ") does not restore as staged: " + e.getMessage(),
            "the imported blobs were verified before the vault took them, so the vault's copy differs: ask Azure"
                + " Backup support; the imported data is kept", List.of());
      }
      if (!report.manifestSha256().equals(seed.manifestSha256())) {
        throw new WorkFailure("the vault's copy of seed " + seed.seedId() + " holds a staging manifest with SHA-256 "
            + report.manifestSha256() + ", StagingCompleted reported " + seed.manifestSha256(),
            "ask Azure Backup support about the vault's copy; the imported data is kept", List.of());
      }
      log.info("seed {}: restored from recovery point {}: {} file(s), {} bytes as staged", seed.seedId(),
          point.recoveryPointId(), report.files(), report.bytes());
      return report.files();
    } finally {
      deleteTree(directory);
      restored.deleteIfExists();
    }
  }

  /** A container name per seed: 3-63 lowercase letters, digits and hyphens, whatever the seed id holds. */
  public static String restoreContainer(String seedId) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(seedId.getBytes(StandardCharsets.UTF_8));
      return "seedship-restore-" + HexFormat.of().formatHex(hash).substring(0, 40);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void deleteTree(Path directory) throws IOException {
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
