package io.seedship.runtime.work;

import io.seedship.contracts.common.SeedStage;
import io.seedship.contracts.outcome.SeedFailed;

/**
 * A stage's long-running step: an Azure call that may be throttled for minutes, a staging write of hours, a watch of
 * weeks. A handler schedules it ({@code SeedContext.schedule(kind)}) and returns; the runtime runs it on a bounded
 * pool, outside any Kafka transaction, claimed by one instance under a lease it renews, resumed after a restart or by
 * another instance once the lease of a dead one runs out. Declare one as a bean.
 *
 * <p>How it ends:
 * <ul>
 *   <li>it returns, having called {@link WorkContext#finish} with its state change and events (or not: done, nothing
 *       to say);</li>
 *   <li>it throws {@link WorkFailure}: the seed fails at once (SeedFailed with the stage, reason and what to do);</li>
 *   <li>it throws {@code AzureException.Throttled}: it runs again after the delay Azure asked, holding no thread
 *       meanwhile, and the attempt does not count;</li>
 *   <li>it throws {@link WorkDeferred}: it is not due yet (a deadline, a watch) and runs again after the delay it
 *       names, the same way;</li>
 *   <li>it throws anything else: it is retried with backoff, and after {@code seedship.work.max-attempts} the seed
 *       fails.</li>
 * </ul>
 * A unit of work may run more than once (a crash, a lost lease), so it must be safe to repeat: its outside effects are
 * guarded by its own state, and its events get ids from {@link WorkContext#event}, the same on every run.
 */
public interface StageWork {

  /** This work's name in its service, e.g. {@code prepare-server}. */
  String kind();

  /** The stage a failure of this work is reported under. */
  SeedStage stage();

  void run(WorkContext context) throws Exception;

  /** Units of this kind one instance runs at once (the pool, {@code seedship.work.threads}, bounds all kinds). */
  default int maxConcurrent() {
    return Integer.MAX_VALUE;
  }

  /**
   * Called inside the transaction that records the seed's failure, beside the SeedFailed the runtime emits, so the
   * stage's own tables can say so too.
   */
  default void failed(WorkContext context, SeedFailed failure) {
  }

  /** What the operator can do when the attempts ran out on {@code cause}. */
  default String whatToDo(Throwable cause) {
    return "look in the service's log for the seed's error; once its cause is fixed, request the seed again";
  }
}
