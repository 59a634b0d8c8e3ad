package io.seedship.runtime.test;

import io.seedship.contracts.Records;
import io.seedship.contracts.Topics;
import io.seedship.contracts.common.EventMetadata;
import io.seedship.runtime.messaging.EventMetadataFactory;
import io.seedship.runtime.messaging.SeedContext;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;

/**
 * A {@link SeedContext} for given/when/then unit tests of a handler, without a broker or a runtime: it records what
 * the handler emits and schedules, and makes envelopes the way the runtime does.
 *
 * <pre>{@code
 * var context = RecordingSeedContext.handling(command);
 * handler.handle(command, context);
 * assertThat(context.scheduled()).containsExactly(CheckSourceWork.KIND);
 * assertThat(context.emitted()).isEmpty();
 * }</pre>
 */
public final class RecordingSeedContext implements SeedContext {

  private final EventMetadata cause;
  private final EventMetadataFactory metadata;
  private final List<SpecificRecord> emitted = new ArrayList<>();
  private final List<String> scheduled = new ArrayList<>();
  private int nextSeq;
  private boolean workStopped;

  private RecordingSeedContext(EventMetadata cause, String producer) {
    this.cause = cause;
    this.metadata = new EventMetadataFactory(producer, Clock.systemUTC());
  }

  /** The context of handling {@code record}, as a service named {@code test-stage}. */
  public static RecordingSeedContext handling(SpecificRecord record) {
    return new RecordingSeedContext(Records.metadata(record), "test-stage");
  }

  @Override
  public String seedId() {
    return cause.getSeedId();
  }

  @Override
  public EventMetadata cause() {
    return cause;
  }

  @Override
  public EventMetadata next() {
    return metadata.causedBy(cause, nextSeq++);
  }

  @Override
  public void emit(SpecificRecord record) {
    Topics.topicOf(record.getClass()); // as the runtime: a type no topic carries fails in the handler
    emitted.add(record);
  }

  @Override
  public void schedule(String kind) {
    scheduled.add(kind);
  }

  @Override
  public void stopWork() {
    workStopped = true;
  }

  /** Whether the handling stopped the seed's work (a cancel). */
  public boolean workStopped() {
    return workStopped;
  }

  public List<SpecificRecord> emitted() {
    return List.copyOf(emitted);
  }

  public <T extends SpecificRecord> List<T> emitted(Class<T> type) {
    return emitted.stream().filter(type::isInstance).map(type::cast).toList();
  }

  public List<String> scheduled() {
    return List.copyOf(scheduled);
  }
}
