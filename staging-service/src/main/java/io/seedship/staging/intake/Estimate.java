package io.seedship.staging.intake;

/**
 * How big a seed is: what the source holds and what staging will write.
 *
 * @param sourceBytes bytes of file data under the source path
 * @param fileCount files under the source path
 * @param estimatedStagedBytes the compressed initial backup's estimated size, what the staging location must hold
 */
public record Estimate(long sourceBytes, long fileCount, long estimatedStagedBytes) {

  public Estimate {
    if (sourceBytes < 0 || fileCount < 0 || estimatedStagedBytes < 0) {
      throw new IllegalArgumentException("an estimate counts nothing negative: " + sourceBytes + " bytes, "
          + fileCount + " files, " + estimatedStagedBytes + " staged bytes");
    }
  }
}
