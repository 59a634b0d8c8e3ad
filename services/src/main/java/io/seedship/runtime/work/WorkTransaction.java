package io.seedship.runtime.work;

import org.apache.avro.specific.SpecificRecord;

/** The ending transaction of a unit of work: what it emits is written to the outbox with the state it reports. */
public interface WorkTransaction {

  void emit(SpecificRecord event);

  /**
   * Schedules the stage's work {@code kind} with this work's input, in this transaction: the next step of a chain of
   * work (a drive write, then the Azure call that registers the drives). Scheduling it again changes nothing.
   */
  void schedule(String kind);
}
