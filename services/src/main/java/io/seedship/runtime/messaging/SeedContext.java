package io.seedship.runtime.messaging;

import io.seedship.contracts.common.EventMetadata;
import org.apache.avro.specific.SpecificRecord;

/** What a {@link SeedHandler} may do besides changing its own tables: read the cause, and emit events. */
public interface SeedContext {

  String seedId();

  /** The envelope of the record being handled. */
  EventMetadata cause();

  /**
   * The envelope for the next event this handling emits: same seed and correlation, caused by {@link #cause()}, and an
   * event id derived from the cause, so handling the same event again yields the same ids.
   */
  EventMetadata next();

  /** Publishes {@code record} to its catalog topic when the handling commits, and never if it does not. */
  void emit(SpecificRecord record);

  /**
   * Records, in this handling's transaction, that the stage's work {@code kind} is to run for this seed, with the
   * record being handled as its input. The runtime runs it after the handling commits, outside any Kafka transaction
   * (see {@code io.seedship.runtime.work.StageWork}); the handling itself returns at once. Scheduling the same kind
   * twice for one record schedules it once.
   */
  void schedule(String kind);

  /**
   * Stops, in this handling's transaction, every unit of this service's work for the seed: pending ones never run, a
   * running one cannot finish and stops at its next checkpoint. For a cancel; work scheduled by this same handling
   * still runs.
   */
  void stopWork();
}
