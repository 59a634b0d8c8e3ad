package io.seedship.staging.config;

import io.seedship.staging.chunks.StagingOptions;
import io.seedship.stagingformat.FileHash;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/** {@code seedship.staging.*}: how the initial backup is written to the staging location. */
@Validated
@ConfigurationProperties("seedship.staging")
public class StagingProperties {

  /** Target size of each compressed chunk file (each becomes one blob; a chunk closes at a 4 MiB block boundary). */
  @NotNull
  private DataSize chunkTargetSize = DataSize.ofGigabytes(1);
  /** zstd level: 3 is zstd's default balance; higher packs fewer drives but writes slower. */
  @Min(1)
  @Max(19)
  private int compressionLevel = 3;
  /** Compression threads per write; 0 for one per core. */
  @Min(0)
  private int threads = 0;
  /**
   * The hash recorded for each file, the end-to-end check the vault repeats: XXH3_128 (default; about 10 GB/s a core)
   * or SHA_256 (cryptographic, and on two cores it slows staging by a quarter).
   */
  @NotNull
  private FileHash fileHash = StagingOptions.DEFAULT_FILE_HASH;
  /** Staging writes running at once on this instance. */
  @Min(1)
  private int maxConcurrentWrites = 1;
  @NotNull
  private Duration progressInterval = Duration.ofSeconds(5);
  /** Free space required beyond the estimated compressed size, as a fraction of it. */
  @DecimalMin("0.0")
  private double freeSpaceMargin = 0.10;
  /** Free space always left in the staging location. */
  @NotNull
  private DataSize freeSpaceReserve = DataSize.ofMegabytes(256);
  /**
   * Directories a seed request's paths (source, staging location, publish settings) must lie under, symbolic links
   * resolved; empty: anywhere this service can reach.
   */
  private List<Path> allowedRoots = new ArrayList<>();

  public DataSize getChunkTargetSize() { return chunkTargetSize; }
  public void setChunkTargetSize(DataSize chunkTargetSize) { this.chunkTargetSize = chunkTargetSize; }
  public int getCompressionLevel() { return compressionLevel; }
  public void setCompressionLevel(int compressionLevel) { this.compressionLevel = compressionLevel; }
  public FileHash getFileHash() { return fileHash; }
  public void setFileHash(FileHash fileHash) { this.fileHash = fileHash; }
  public int getThreads() { return threads; }
  public void setThreads(int threads) { this.threads = threads; }
  public int getMaxConcurrentWrites() { return maxConcurrentWrites; }
  public void setMaxConcurrentWrites(int maxConcurrentWrites) { this.maxConcurrentWrites = maxConcurrentWrites; }
  public Duration getProgressInterval() { return progressInterval; }
  public void setProgressInterval(Duration progressInterval) { this.progressInterval = progressInterval; }
  public double getFreeSpaceMargin() { return freeSpaceMargin; }
  public void setFreeSpaceMargin(double freeSpaceMargin) { this.freeSpaceMargin = freeSpaceMargin; }
  public List<Path> getAllowedRoots() { return allowedRoots; }
  public void setAllowedRoots(List<Path> allowedRoots) { this.allowedRoots = allowedRoots; }
  public DataSize getFreeSpaceReserve() { return freeSpaceReserve; }
  public void setFreeSpaceReserve(DataSize freeSpaceReserve) { this.freeSpaceReserve = freeSpaceReserve; }
}
