package io.seedship.localazure.importexport;

import java.time.Instant;

/**
 * The seam for what the Microsoft datacenter does with shipped drives: receiving the package (job Received, drives
 * Received or NeverReceived), copying (Transferring, drive copyStatus, percentComplete, bytesSucceeded, verbose and
 * error logs in the storage account's diagnosticsPath), Packaging, returning the drives (returnPackage) and Completed
 * or Closed; and honouring cancelRequested on a Shipping job. The implementation is
 * {@link io.seedship.localazure.datacenter.ImportDatacenter}.
 *
 * <p>The job API calls it at two moments, always holding the {@link JobStore}'s monitor so it sees and writes a
 * consistent store:
 * <ul>
 *   <li>{@link #shipped} right after a PATCH moved a job to Shipping (the customer says the drives are in the post);</li>
 *   <li>{@link #advance} on every lifecycle sweep (about every 250 ms and before each request) with the virtual time,
 *       so a test that advances the clock by days sees the datacenter catch up on its next call.</li>
 * </ul>
 * An implementation moves a job on by storing a changed copy: {@code store.put(job.with(changedResource))}, and does
 * no slow work while it holds the monitor.
 */
public interface Datacenter {

  /** {@code job} has just become Shipping at virtual time {@code now}. */
  void shipped(Job job, Instant now);

  /** Virtual time is now {@code now}: bring the jobs in {@code store} up to it. */
  void advance(Instant now, JobStore store);
}
