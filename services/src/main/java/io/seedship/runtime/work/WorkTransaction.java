package io.seedship.runtime.work;

import org.apache.avro.specific.SpecificRecord;

/** The ending transaction of a unit of work: what it emits is written to the outbox with the state it reports. */
public interface WorkTransaction {

  void emit(SpecificRecord event);
}
