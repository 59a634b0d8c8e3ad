package io.seedship.archfixture.stages.staging;

/** The stage that is reached into. */
public class StagingStep {
}
