package io.seedship.localazure.importexport;

import java.time.Instant;

/**
 * The seam for what the Microsoft datacenter does with shipped drives, which this package does not model yet:
 * receiving the package (job Received, drives Received or NeverReceived), copying (Transferring, drive
 * copyStatus, percentComplete, bytesSucceeded, verbose and error logs in the storage account's diagnosticsPath),
 * Packaging, returning the drives (returnPackage) and Completed; and honouring cancelRequested on a Shipping job.
 *
 * <p>The job API calls it at two moments, always holding the {@link JobStore}'s monitor so it sees and writes a
 * consistent store:
 * <ul>
 *   <li>{@link #shipped} right after a PATCH moved a job to Shipping (the customer says the drives are in the post);</li>
 *   <li>{@link #advance} on every lifecycle sweep (about every 250 ms and before each request) with the virtual time,
 *       so a test that advances the clock by days sees the datacenter catch up on its next call.</li>
 * </ul>
 * An implementation moves a job on by storing a changed copy: {@code store.put(job.with(changedResource))}. The
 * default bean, {@link IdleDatacenter}, never receives anything; a real one replaces it by being declared
 * {@code @Primary}.
 */
public interface Datacenter {

  /** {@code job} has just become Shipping at virtual time {@code now}. */
  void shipped(Job job, Instant now);

  /** Virtual time is now {@code now}: bring the jobs in {@code store} up to it. */
  void advance(Instant now, JobStore store);
}
