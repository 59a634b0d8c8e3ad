package io.seedship.archfixture.stages.cert;

import io.seedship.archfixture.stages.staging.StagingStep;

/** A stage reaching into another stage (no cycle: staging does not use cert). */
public class CertStep {
  public StagingStep staging;
}
