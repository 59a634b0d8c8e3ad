package io.seedship.importmonitor.persistence;

import io.seedship.contracts.common.ImportJobState;

/**
 * A seed's import job as importmonitor-service watches it, and what it last saw of it.
 *
 * @param jobState        the state last seen; null until the job was first seen in its group's list
 * @param observations    how many changes were recorded (it names progress events, so a re-observation after a crash
 *                        before the commit gets the same event id)
 * @param missingPolls    polls in a row that did not list the job
 */
public record WatchedJob(String seedId, String subscriptionId, String resourceGroup, String importJobName,
                         String importJobId, String storageAccountId, String causeEventId, String correlationId,
                         ImportJobState jobState, Integer percentComplete, boolean cancelRequested, long observations,
                         int missingPolls) {

  public WatchedJob withObservation(ImportJobState state, Integer percent, boolean cancel, long observations) {
    return new WatchedJob(seedId, subscriptionId, resourceGroup, importJobName, importJobId, storageAccountId,
        causeEventId, correlationId, state, percent, cancel, observations, 0);
  }

  public WatchedJob withMissingPolls(int missing) {
    return new WatchedJob(seedId, subscriptionId, resourceGroup, importJobName, importJobId, storageAccountId,
        causeEventId, correlationId, jobState, percentComplete, cancelRequested, observations, missing);
  }
}
