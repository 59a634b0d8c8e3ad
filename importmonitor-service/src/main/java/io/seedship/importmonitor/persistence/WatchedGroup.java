package io.seedship.importmonitor.persistence;

/** A resource group with watched jobs: listed once per poll. Names are kept lower-case, as ARM compares them. */
public record WatchedGroup(String subscriptionId, String resourceGroup) {
}
