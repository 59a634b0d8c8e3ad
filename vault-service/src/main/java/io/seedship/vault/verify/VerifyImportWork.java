package io.seedship.vault.verify;

import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.models.ListBlobsOptions;
import io.seedship.contracts.common.DriveState;
import io.seedship.contracts.common.Problem;
import io.seedship.contracts.common.SeedStage;
import io.seedship.contracts.importjob.DriveObservation;
import io.seedship.contracts.importjob.ImportJobFinished;
import io.seedship.contracts.importjob.ImportJobOutcome;
import io.seedship.contracts.vault.ImportVerified;
import io.seedship.runtime.azure.AzureClients;
import io.seedship.runtime.messaging.SeedFailures;
import io.seedship.runtime.work.StageWork;
import io.seedship.runtime.work.WorkContext;
import io.seedship.runtime.work.WorkDeferred;
import io.seedship.runtime.work.WorkFailure;
import io.seedship.stagingformat.ManifestChunk;
import io.seedship.stagingformat.ManifestCursor;
import io.seedship.stagingformat.ManifestReader;
import io.seedship.stagingformat.StagingManifest;
import io.seedship.vault.persistence.VaultSeed;
import io.seedship.vault.persistence.VaultSeedRepository;
import io.seedship.vault.recovery.AwaitRecoveryPointWork;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the import put in the storage account, against what staging wrote: the staging manifest is read from the
 * container (it travelled on the drives) and trusted only when its SHA-256 is StagingCompleted's; then every chunk it
 * lists must be a blob of the seed's folder with the chunk's length, block MD5s and MD5 (each blob read back once),
 * and no other blob may be there. ImportVerified, or a SeedFailed that names each blob and block that differs and says
 * which blobs must travel again. Verified, the seed waits for its recovery point ({@link AwaitRecoveryPointWork}).
 */
public class VerifyImportWork implements StageWork {

  public static final String KIND = "verify-import";
  private static final Logger log = LoggerFactory.getLogger(VerifyImportWork.class);

  /** How long the import's end may come before the staging events reach this service. */
  private static final Duration STAGING_WAIT = Duration.ofHours(1);

  private final VaultSeedRepository seeds;
  private final AzureClients azure;
  private final Clock clock;

  public VerifyImportWork(VaultSeedRepository seeds, AzureClients azure, Clock clock) {
    this.seeds = seeds;
    this.azure = azure;
    this.clock = clock;
  }

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public SeedStage stage() {
    return SeedStage.IMPORT;
  }

  @Override
  public void run(WorkContext context) throws Exception {
    ImportJobFinished finished = context.input(ImportJobFinished.class);
    Optional<VaultSeed> known = seeds.findById(context.seedId()).filter(s -> s.manifestSha256() != null);
    if (known.isEmpty()) {
      // staging's events come on another topic: after a replay or a lagging consumer they may still be on their way
      if (Duration.between(finished.getMetadata().getOccurredAt(), clock.instant()).compareTo(STAGING_WAIT) < 0) {
        throw new WorkDeferred(Duration.ofSeconds(5), "waiting for the seed's SeedAccepted and StagingCompleted");
      }
      throw new WorkFailure("seed " + context.seedId() + "'s import cannot be verified: vault-service has not seen"
          + " its SeedAccepted and StagingCompleted " + STAGING_WAIT + " after the import ended",
          "replay the seed's staging events to vault-service, then the ImportJobFinished", List.of());
    }
    VaultSeed seed = known.get();
    BlobContainerClient container = azure.storage(seed.subscriptionId())
        .blobService(seed.resourceGroup(), seed.storageAccount()).getBlobContainerClient(seed.container());
    Result result = verify(seed, container, context);
    // Azure's agent takes nothing from a Closed job, so it ends the seed even when every blob arrived; the check says
    // which blobs must travel again
    boolean closed = finished.getOutcome() == ImportJobOutcome.CLOSED;
    if (!result.problems().isEmpty() || closed) {
      List<String> blobs = result.problems().stream().map(Problem::getField).distinct().toList();
      log.warn("seed {}: import job {} ended {}, {} blob(s) differ from staging: {}", context.seedId(),
          finished.getImportJobName(), finished.getOutcome(), blobs.size(), blobs);
      // the drives that did not copy cleanly say where the differences came from (their copy logs name blobs too)
      List<Problem> problems = new ArrayList<>(result.problems());
      finished.getDrives().stream().filter(d -> d.getState() != DriveState.COMPLETED)
          .forEach(d -> problems.add(SeedFailures.problem("drives", describe(d))));
      String reason = (closed ? "import job " + finished.getImportJobName() + " ended CLOSED (" + finished.getDetail()
          + "); " : "") + (result.problems().isEmpty() ? "every blob is in the storage account as staged"
          : result.problems().size() + " difference(s) between what import job " + finished.getImportJobName()
              + " put in the storage account and what staging wrote (" + result.bytes() + " bytes read back)");
      String action = blobs.contains(seed.blobPrefix() + StagingManifest.FILE_NAME)
          ? "the staging manifest did not arrive, so nothing of the seed can be trusted: send all its drives again"
              + " (new drives, under a new import job), or request the seed again"
          : !blobs.isEmpty() ? "these blobs must travel again (on new drives, under a new import job), or the seed is"
              + " requested again: " + String.join(", ", blobs)
          : "Azure closed the job although its data arrived: ask Azure support why (the drives' copy logs), or"
              + " request the seed again";
      context.finish(tx -> tx.emit(SeedFailures.of(context.event("failed"), SeedStage.IMPORT, reason, action,
          problems)));
      return;
    }
    log.info("seed {}: import verified, {} blob(s), {} bytes as staged", context.seedId(), result.blobs(),
        result.bytes());
    context.finish(tx -> {
      seeds.update(seed.imported(result.bytes(), result.blobs()));
      tx.emit(ImportVerified.newBuilder().setMetadata(context.event("verified"))
          .setImportJobName(finished.getImportJobName()).setContainer(seed.container())
          .setBlobPrefix(seed.blobPrefix()).setBlobCount(result.blobs()).setBytesVerified(result.bytes())
          .setManifestSha256(seed.manifestSha256()).build());
      tx.schedule(AwaitRecoveryPointWork.KIND);
    });
  }

  private record Result(List<Problem> problems, int blobs, long bytes) {
  }

  private Result verify(VaultSeed seed, BlobContainerClient container, WorkContext context) throws IOException {
    String prefix = seed.blobPrefix();
    Map<String, Long> listed = new LinkedHashMap<>();
    for (BlobItem item : container.listBlobs(new ListBlobsOptions().setPrefix(prefix), null)) {
      listed.put(item.getName(), item.getProperties().getContentLength());
    }
    String manifestBlob = prefix + StagingManifest.FILE_NAME;
    String hashBlob = prefix + StagingManifest.HASH_FILE_NAME;
    if (!listed.containsKey(manifestBlob)) {
      return new Result(List.of(problem(manifestBlob, "blob " + manifestBlob + " is missing: without the staging"
          + " manifest nothing of the import can be verified")), 0, 0);
    }
    Path manifest = Files.createTempFile("imported-staging-manifest", ".json");
    try {
      container.getBlobClient(manifestBlob).downloadToFile(manifest.toString(), true);
      String sha256 = StagingManifest.sha256(manifest);
      if (!sha256.equals(seed.manifestSha256())) {
        return new Result(List.of(problem(manifestBlob, "blob " + manifestBlob + " has SHA-256 " + sha256
            + ", StagingCompleted reported " + seed.manifestSha256())), 0, 0);
      }
      List<Problem> problems = new ArrayList<>();
      long bytes = Files.size(manifest);
      int blobs = 1;
      String hashLine = listed.containsKey(hashBlob)
          ? container.getBlobClient(hashBlob).downloadContent().toString() : null;
      if (!StagingManifest.hashLine(sha256).equals(hashLine)) {
        problems.add(problem(hashBlob, "blob " + hashBlob + (hashLine == null ? " is missing"
            : " does not hold the manifest's SHA-256 line")));
      } else {
        bytes += hashLine.getBytes(StandardCharsets.UTF_8).length;
        blobs++;
      }
      int blockBytes = ManifestReader.readHeader(manifest).blockBytes();
      Set<String> expected = new HashSet<>(List.of(manifestBlob, hashBlob));
      try (ManifestCursor<ManifestChunk> chunks = ManifestReader.chunks(manifest)) {
        for (ManifestChunk chunk = chunks.next(); chunk != null; chunk = chunks.next()) {
          context.checkpoint();
          String blob = prefix + chunk.name();
          expected.add(blob);
          Long length = listed.get(blob);
          if (length == null) {
            problems.add(problem(blob, "blob " + blob + " is missing"));
          } else if (length != chunk.size()) {
            problems.add(problem(blob, "blob " + blob + " is " + length + " bytes, staging wrote " + chunk.size()));
          } else {
            try (InputStream content = container.getBlobClient(blob).openInputStream()) {
              BlobCheck.differences(blob, chunk, content, blockBytes).forEach(d -> problems.add(problem(blob, d)));
            }
            bytes += length;
            blobs++;
          }
        }
      }
      listed.keySet().stream().filter(name -> !expected.contains(name)).forEach(name ->
          problems.add(problem(name, "blob " + name + " is in the seed's folder but not in the staging manifest")));
      return new Result(problems, blobs, bytes);
    } finally {
      Files.deleteIfExists(manifest);
    }
  }

  /** A drive as the import left it: its state and copy logs. */
  public static String describe(DriveObservation d) {
    return "drive " + d.getDriveId() + " " + d.getState()
        + (d.getErrorLogUri() == null ? "" : ", error log " + d.getErrorLogUri())
        + (d.getVerboseLogUri() == null ? "" : ", verbose log " + d.getVerboseLogUri());
  }

  private static Problem problem(String blob, String message) {
    return SeedFailures.problem(blob, message);
  }

  @Override
  public String whatToDo(Throwable cause) {
    return "check vault-service's access to the storage account (see its log), then the verification runs again";
  }
}
