package io.seedship.runtime.work;

import io.seedship.contracts.common.EventMetadata;
import java.util.function.Consumer;
import org.apache.avro.specific.SpecificRecord;

/** What a running {@link StageWork} may use: its input, envelopes for its events, progress, and its ending. */
public interface WorkContext {

  String workId();

  String seedId();

  /** 1 on the first run, counting retries and take-overs, not throttled waits. */
  int attempt();

  /** The record the work was scheduled for (the one its handler handled). */
  SpecificRecord input();

  <T extends SpecificRecord> T input(Class<T> type);

  /**
   * The envelope of an event this work emits, named {@code name} within the work: same seed and correlation as its
   * input, caused by it, and an id derived from the work and the name, so a repeated run emits the same ids.
   */
  EventMetadata event(String name);

  /** The envelope of a progress event: a fresh id, since each report is new. */
  EventMetadata progressEvent();

  /**
   * Publishes a progress event through the outbox at once, in a small transaction of its own, and keeps
   * {@code summary} on the work (for operators). Cheap; still, report every few seconds, not per block.
   */
  void progress(SpecificRecord event, String summary);

  /**
   * Ends the work: {@code body} changes the stage's tables and emits events in one database transaction that commits
   * only while this instance still holds the work's lease, so of two runs of one unit only one can finish.
   */
  void finish(Consumer<WorkTransaction> body);

  /** Throws {@link LeaseLostException} once the lease is lost or the instance is stopping: long work calls it often. */
  void checkpoint();
}
