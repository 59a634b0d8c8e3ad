package io.seedship.localazure.datacenter;

import io.seedship.localazure.storage.BlobService;
import io.seedship.localazure.storage.BlobService.BlobRequestException;
import java.io.IOException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The copy of one received drive into the job's storage account, run on a worker thread, never under the job store's
 * monitor: check the BitLocker volume and the drive header hash, decrypt with dislocker, read and check the manifest
 * (its hash, its format, its drive id), then every blob block by block: each block's MD5 against the manifest, Put
 * Block (with Content-MD5) and, when every block of the blob is good, Put Block List. Last, the copy logs (and the
 * manifest backup when asked) go to the diagnostics path. Progress is published through {@link #progress()}.
 */
final class DriveCopy {

  private static final Logger log = LoggerFactory.getLogger(DriveCopy.class);
  private static final DateTimeFormatter LOG_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS").withZone(ZoneOffset.UTC);

  /**
   * Everything the copy needs, taken from the job under the store's monitor. {@code bitLockerKey} is a secret:
   * {@link #toString()} leaves it out.
   */
  record Order(String jobName, String driveId, Path device, String bitLockerKey, String manifestFile,
      String manifestHash, String driveHeaderHash, DriveFault fault, BlobService account, String diagnosticsContainer,
      String diagnosticsPrefix, boolean verboseLog, boolean backupManifest, Path workDir) {

    @Override
    public String toString() {
      return "Order[job " + jobName + ", drive " + driveId + ", " + device + "]";
    }
  }

  /** How the drive ended; the URIs are null when that log was not written. */
  record Outcome(String status, long bytesSucceeded, int percentComplete, String errorLogUri, String verboseLogUri,
      String manifestUri) {

    boolean clean() {
      return status.equals("Completed");
    }
  }

  /** Bytes read and checked so far, of {@code total} (0 until the manifest is read); bytes committed to blobs. */
  static final class Progress {
    final AtomicLong processed = new AtomicLong();
    final AtomicLong total = new AtomicLong();
    final AtomicLong succeeded = new AtomicLong();

    int percent() {
      long all = total.get();
      return all == 0 ? 0 : (int) Math.min(100, processed.get() * 100 / all);
    }
  }

  private final Order order;
  private final Clock clock;
  private final Progress progress = new Progress();
  private final DriveLog driveLog;

  DriveCopy(Order order, Clock clock) {
    this.order = order;
    this.clock = clock;
    this.driveLog = new DriveLog(order.driveId());
  }

  Progress progress() {
    return progress;
  }

  Outcome run() {
    String manifestUri = null;
    try {
      Manifest manifest;
      byte[] manifestBytes;
      DecryptedDrive.requireBitLocker(order.device());
      HeaderHash.check(order.device(), order.driveId(), order.driveHeaderHash());
      try (DecryptedDrive drive = DecryptedDrive.open(order.device(), key(), order.workDir(), order.driveId())) {
        manifestBytes = readManifest(drive);
        manifest = Manifest.parse(manifestBytes);
        if (!manifest.driveId().equalsIgnoreCase(order.driveId())) {
          throw new DriveFailure("ManifestDriveIdMismatch", "the manifest on drive " + order.driveId()
              + " names the drive '" + manifest.driveId() + "'");
        }
        if (order.backupManifest()) {
          manifestUri = backUpManifest(manifestBytes);
        }
        progress.total.set(manifest.blobs().stream().mapToLong(Manifest.Entry::length).sum());
        copyBlobs(drive, manifest);
      }
      driveLog.status = driveStatus();
    } catch (DriveFailure failure) {
      driveLog.status = failure.status();
      log.info("drive {} of job {}: {} ({})", order.driveId(), order.jobName(), failure.status(), failure.getMessage());
    } catch (RuntimeException e) {
      driveLog.status = "InternalError";
      log.warn("drive {} of job {}: internal error", order.driveId(), order.jobName(), e);
    }
    String stamp = LOG_TIME.format(clock.instant());
    String errorLog = writeLog("error", stamp, driveLog.errors());
    String verboseLog = order.verboseLog() ? writeLog("verbose", stamp, driveLog.verbose()) : null;
    int percent = driveLog.status.startsWith("Completed") ? 100 : progress.percent();
    return new Outcome(driveLog.status, progress.succeeded.get(), percent, errorLog, verboseLog, manifestUri);
  }

  /** The key dislocker gets: the job's, or for a WrongBitLockerKey fault a random valid one. */
  private String key() {
    if (order.fault() != null && order.fault().is(DriveFault.Kind.WrongBitLockerKey)) {
      SecureRandom random = new SecureRandom();
      StringBuilder other = new StringBuilder();
      for (int i = 0; i < 8; i++) {
        other.append(i == 0 ? "" : "-").append(String.format("%06d", random.nextInt(65536) * 11));
      }
      return other.toString();
    }
    return order.bitLockerKey();
  }

  private byte[] readManifest(DecryptedDrive drive) throws DriveFailure {
    String path = order.manifestFile();
    if (path == null || path.isBlank() || path.length() > 255 || path.chars().anyMatch(c -> "<>:\"|?*".indexOf(c) >= 0)) {
      throw new DriveFailure(path != null && path.length() > 255 ? "ManifestNameTooLong" : "ManifestNameInvalid",
          "the job's manifestFile '" + path + "' is not a file path on the drive");
    }
    byte[] bytes;
    try {
      if (!drive.exists(path)) {
        throw new DriveFailure("ManifestNotFound", "drive " + order.driveId() + " has no manifest " + path);
      }
      bytes = drive.readAll(path);
    } catch (IOException e) {
      throw new DriveFailure("ReadManifestFailed", "cannot read the manifest " + path + " on drive "
          + order.driveId() + ": " + e.getMessage(), e);
    }
    String expected = order.manifestHash() == null ? "" : order.manifestHash().strip();
    // MD5 as documented; a 64-digit value (the 2021 example's) is taken as SHA-256 (formats doc 1.4)
    String actual = hex(expected.length() == 64 ? "SHA-256" : "MD5", bytes);
    if (!actual.equalsIgnoreCase(expected)) {
      throw new DriveFailure("ManifestCorrupted", "the manifest " + path + " on drive " + order.driveId()
          + " has the hash " + actual + ", the job states " + expected);
    }
    return bytes;
  }

  private void copyBlobs(DecryptedDrive drive, Manifest manifest) {
    Set<String> containers = new HashSet<>();
    boolean first = true;
    for (Manifest.Entry entry : manifest.blobs()) {
      DriveLog.BlobEntry blob = new DriveLog.BlobEntry(entry);
      driveLog.blobs.add(blob);
      copyBlob(drive, entry, blob, containers, first);
      first = false;
    }
  }

  private void copyBlob(DecryptedDrive drive, Manifest.Entry entry, DriveLog.BlobEntry blob, Set<String> containers,
      boolean firstBlob) {
    if (entry.pageBlob()) {
      // page blobs are not imported by this stand-in (Seedship writes block blobs only)
      cancelAll(entry, blob, "Failed", "Cancelled");
      progress.processed.addAndGet(entry.length());
      return;
    }
    try {
      if (containers.add(entry.container())) {
        order.account().createContainer(entry.container());
      }
      String name = target(entry, blob);
      if (name == null) {
        cancelAll(entry, blob, "Completed", "Cancelled");
        progress.processed.addAndGet(entry.length());
        return;
      }
      blob.blobPath = entry.container() + "/" + name;
      if (!drive.exists(entry.filePath())) {
        blob.importDispositionStatus = "Cancelled";
        cancelAll(entry, blob, "FileNotFound", "Cancelled");
        progress.processed.addAndGet(entry.length());
        return;
      }
      copyBlocks(drive, entry, blob, name, firstBlob);
    } catch (BlobRequestException e) {
      log.info("drive {}: blob {}: {}", order.driveId(), entry.blobPath(), e.getMessage());
      markUnfinished(entry, blob, e.status == 403 ? "BlobRequestForbidden" : "BlobRequestFailed", "BlobRequestFailed");
    } catch (IOException e) {
      log.info("drive {}: blob {}: {}", order.driveId(), entry.blobPath(), e.getMessage());
      markUnfinished(entry, blob, "IOFailed", "IOFailed");
    }
  }

  /** The blob name to write under the import disposition, or null to skip (no-overwrite of an existing blob). */
  private String target(Manifest.Entry entry, DriveLog.BlobEntry blob) throws IOException {
    String name = entry.blobName();
    boolean exists = order.account().exists(entry.container(), name);
    switch (entry.importDisposition()) {
      case "overwrite" -> {
        blob.importDispositionStatus = exists ? "Overwritten" : "Created";
        return name;
      }
      case "no-overwrite" -> {
        blob.importDispositionStatus = exists ? "Skipped" : "Created";
        return exists ? null : name;
      }
      default -> {
        if (!exists) {
          blob.importDispositionStatus = "Created";
          return name;
        }
        blob.importDispositionStatus = "Renamed";
        for (int n = 2; ; n++) {
          String renamed = renamed(name, n);
          if (!order.account().exists(entry.container(), renamed)) {
            return renamed;
          }
        }
      }
    }
  }

  /** The documented rename: " (2)" before the last dot of the last segment, or at the end when there is none. */
  static String renamed(String name, int n) {
    int slash = name.lastIndexOf('/');
    int dot = name.lastIndexOf('.');
    if (dot <= slash + 1) {
      return name + " (" + n + ")";
    }
    return name.substring(0, dot) + " (" + n + ")" + name.substring(dot);
  }

  private void copyBlocks(DecryptedDrive drive, Manifest.Entry entry, DriveLog.BlobEntry blob, String name,
      boolean firstBlob) throws IOException {
    List<String> statuses = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    byte[] buffer = new byte[(int) Manifest.MAX_BLOCK];
    long position = 0;
    boolean ended = false;
    try (DecryptedDrive.FileStream in = drive.open(entry.filePath())) {
      for (int i = 0; i < entry.blocks().size(); i++) {
        Manifest.Block block = entry.blocks().get(i);
        ids.add(block.id());
        if (ended) {
          statuses.add("Cancelled");
          continue;
        }
        if (block.offset() > position) {
          in.skipNBytes(block.offset() - position);
        }
        int length = (int) block.length();
        int read = in.readNBytes(buffer, 0, length);
        position = block.offset() + read;
        progress.processed.addAndGet(block.length());
        if (read < length) {
          statuses.add("FileUnexpectedEnd");
          ended = true;
          continue;
        }
        if (order.fault() != null && order.fault().corrupts(entry.blobPath(), firstBlob, i)) {
          buffer[length / 2] ^= 0x5A;
        }
        byte[] md5 = md5(buffer, length);
        if (!HexFormat.of().withUpperCase().formatHex(md5).equalsIgnoreCase(block.hash())) {
          statuses.add("Corrupted");
          continue;
        }
        try {
          order.account().putBlock(entry.container(), name, block.id(), buffer, length, md5);
          statuses.add("Uploaded");
        } catch (BlobRequestException e) {
          log.info("drive {}: blob {} block {}: {}", order.driveId(), entry.blobPath(), i, e.getMessage());
          statuses.add("BlobRequestFailed");
        }
      }
    }
    boolean allGood = statuses.stream().allMatch("Uploaded"::equals);
    String blobStatus = "Completed";
    if (allGood) {
      try {
        order.account().putBlockList(entry.container(), name, ids);
        progress.succeeded.addAndGet(entry.length());
      } catch (BlobRequestException e) {
        log.info("drive {}: blob {}: {}", order.driveId(), entry.blobPath(), e.getMessage());
        allGood = false;
        blobStatus = e.status == 403 ? "BlobRequestForbidden" : "BlobRequestFailed";
      }
    } else {
      blobStatus = "CompletedWithErrors";
    }
    for (int i = 0; i < entry.blocks().size(); i++) {
      Manifest.Block block = entry.blocks().get(i);
      String status = statuses.get(i);
      if (status.equals("Uploaded")) {
        // staged; in the blob only once the whole list was committed
        status = allGood ? "Completed" : "Uncommitted";
      }
      blob.blocks.add(new DriveLog.BlockEntry(block.offset(), block.length(), block.id(), block.hash(), status));
    }
    blob.status = blobStatus;
  }

  private void cancelAll(Manifest.Entry entry, DriveLog.BlobEntry blob, String blobStatus, String blockStatus) {
    blob.status = blobStatus;
    if (blob.importDispositionStatus == null && !blobStatus.equals("Completed")) {
      blob.importDispositionStatus = "Cancelled";
    }
    for (Manifest.Block block : entry.blocks()) {
      blob.blocks.add(new DriveLog.BlockEntry(block.offset(), block.length(), block.id(), block.hash(), blockStatus));
    }
  }

  private void markUnfinished(Manifest.Entry entry, DriveLog.BlobEntry blob, String blobStatus, String blockStatus) {
    blob.blocks.clear();
    cancelAll(entry, blob, blobStatus, blockStatus);
  }

  /** The drive's status from its blobs' (formats doc 2.3). */
  private String driveStatus() {
    if (driveLog.blobs.stream().anyMatch(b -> b.status.equals("BlobRequestForbidden"))) {
      return "BlobRequestForbidden";
    }
    if (driveLog.blobs.stream().anyMatch(DriveLog.BlobEntry::failed)) {
      return "CompletedWithErrors";
    }
    if (driveLog.blobs.stream().anyMatch(b -> "Renamed".equals(b.importDispositionStatus)
        || "Skipped".equals(b.importDispositionStatus))) {
      return "CompletedWithWarnings";
    }
    return "Completed";
  }

  /** waies/&lt;job&gt;_&lt;drive&gt;_&lt;timestamp&gt;_&lt;type&gt;.xml under the diagnostics path (formats doc 2.1); null when it cannot be written. */
  private String writeLog(String type, String stamp, byte[] content) {
    String blob = order.diagnosticsPrefix() + "waies/" + order.jobName() + "_" + order.driveId() + "_" + stamp + "_"
        + type + ".xml";
    try {
      order.account().createContainer(order.diagnosticsContainer());
      order.account().putBlob(order.diagnosticsContainer(), blob, content, "application/xml");
      return order.account().url(order.diagnosticsContainer(), blob);
    } catch (IOException e) {
      log.warn("drive {} of job {}: the {} log could not be written: {}", order.driveId(), order.jobName(), type,
          e.getMessage());
      return null;
    }
  }

  /** BackupDriveManifest: waies/&lt;job&gt;_&lt;drive&gt;_&lt;timestamp&gt;_manifest.xml (formats doc 1.1). */
  private String backUpManifest(byte[] manifest) {
    return writeLog("manifest", LOG_TIME.format(clock.instant()), manifest);
  }

  private static byte[] md5(byte[] data, int length) {
    try {
      MessageDigest md5 = MessageDigest.getInstance("MD5");
      md5.update(data, 0, length);
      return md5.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String hex(String algorithm, byte[] data) {
    try {
      return HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance(algorithm).digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
