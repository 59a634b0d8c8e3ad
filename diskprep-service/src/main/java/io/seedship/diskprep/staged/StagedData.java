package io.seedship.diskprep.staged;

import io.seedship.driveformat.plan.DriveCapacity;
import io.seedship.driveformat.plan.SourceFile;
import io.seedship.stagingformat.ManifestChunk;
import io.seedship.stagingformat.ManifestCursor;
import io.seedship.stagingformat.ManifestHeader;
import io.seedship.stagingformat.ManifestReader;
import io.seedship.stagingformat.StagingManifest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A completed staging, as the drives carry it: one block blob per chunk file, with the block MD5s staging computed (so
 * no byte is hashed twice), plus the staging manifest and its hash file (small, hashed while written), all under
 * {@code /<container>/<seed id>/}. The vault-service reads them back from there.
 *
 * @param files      what goes on the drives
 * @param bytesNeeded drive space the files take, NTFS and manifest overhead included (see {@link DriveCapacity})
 */
public record StagedData(List<SourceFile> files, long bytesNeeded) {

  /** The drive-format block size; staging's blocks must have it for its MD5s to serve as the manifest's. */
  static final int BLOCK_BYTES = 4 * 1024 * 1024;

  /**
   * Reads the staging manifest of {@code stagingDir}, checked against its {@code .sha256} file and against
   * {@code expectedSha256} (the one StagingCompleted announced).
   *
   * @throws StagedDataException when the staging is missing, altered, or does not match what was announced
   */
  public static StagedData read(Path stagingDir, String expectedSha256, String container, String seedId)
      throws IOException {
    if (!Files.isDirectory(stagingDir)) {
      throw new StagedDataException("stagingLocation", stagingDir + " is not a directory this copy machine can reach:"
          + " the copy machine must see the staging location at the path the seed names");
    }
    String sha256;
    try {
      sha256 = StagingManifest.checkHash(stagingDir);
    } catch (IOException e) {
      throw new StagedDataException("manifestPath", e.getMessage());
    }
    if (expectedSha256 != null && !sha256.equalsIgnoreCase(expectedSha256)) {
      throw new StagedDataException("manifestSha256", stagingDir.resolve(StagingManifest.FILE_NAME) + " has SHA-256 "
          + sha256 + ", staging announced " + expectedSha256 + ": the staging location was changed after staging");
    }
    Path manifest = stagingDir.resolve(StagingManifest.FILE_NAME);
    ManifestHeader header = ManifestReader.readHeader(manifest);
    String prefix = "/" + container + "/" + seedId + "/";
    List<SourceFile> files = new ArrayList<>();
    try (ManifestCursor<ManifestChunk> chunks = ManifestReader.chunks(manifest)) {
      for (ManifestChunk chunk = chunks.next(); chunk != null; chunk = chunks.next()) {
        Path file = stagingDir.resolve(chunk.name());
        long size = Files.exists(file) ? Files.size(file) : -1;
        if (size != chunk.size()) {
          throw new StagedDataException("stagingLocation", file + (size < 0 ? " is missing" : " is " + size
              + " bytes") + ", the staging manifest says " + chunk.size() + ": the staging location was changed");
        }
        boolean md5sFit = header.blockBytes() == BLOCK_BYTES && !chunk.blockMd5s().isEmpty();
        files.add(new SourceFile(file, prefix + chunk.name(), size,
            md5sFit ? chunk.blockMd5s().stream().map(m -> m.toUpperCase(Locale.ROOT)).toList() : null));
      }
    }
    for (String name : List.of(StagingManifest.FILE_NAME, StagingManifest.HASH_FILE_NAME)) {
      Path file = stagingDir.resolve(name);
      files.add(SourceFile.of(file, prefix + name, Files.size(file)));
    }
    long bytes = 0;
    for (SourceFile f : files) {
      bytes += DriveCapacity.cost(f, f.blobPath());
    }
    return new StagedData(List.copyOf(files), bytes);
  }

  /**
   * The blob paths and lengths of the files, compact (gzipped lines of path TAB length): what a confirmation needs to
   * plan the drives without reading the staging location again.
   */
  public byte[] sizes() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
      for (SourceFile f : files) {
        out.write((f.blobPath() + "\t" + f.length() + "\n").getBytes(StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** The files of {@link #sizes()}, without their contents: for planning only. */
  public static List<SourceFile> sized(byte[] sizes) {
    List<SourceFile> files = new ArrayList<>();
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(sizes))) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (!line.isEmpty()) {
          int tab = line.lastIndexOf('\t');
          String blobPath = line.substring(0, tab);
          files.add(SourceFile.of(Path.of(blobPath.substring(blobPath.lastIndexOf('/') + 1)), blobPath,
              Long.parseLong(line.substring(tab + 1))));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return files;
  }
}
