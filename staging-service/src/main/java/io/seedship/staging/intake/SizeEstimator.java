package io.seedship.staging.intake;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Sizes a source before anything is staged, so intake can tell whether the staging location has room. The real one
 * compresses samples of the data; the validator only calls it on a source path that passed its checks.
 */
@FunctionalInterface
public interface SizeEstimator {

  /**
   * @param sourcePath an existing, readable directory
   * @throws IOException when the source cannot be read while sizing it; reported as a sourcePath problem
   */
  Estimate estimate(Path sourcePath) throws IOException;
}
