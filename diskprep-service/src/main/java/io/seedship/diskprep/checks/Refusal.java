package io.seedship.diskprep.checks;

/**
 * Why a drive, or the set of drives for a job, cannot be used.
 *
 * @param rule    the rule not met
 * @param message what is wrong, with which drive or value, and what to do
 */
public record Refusal(DriveRule rule, String message) {
}
