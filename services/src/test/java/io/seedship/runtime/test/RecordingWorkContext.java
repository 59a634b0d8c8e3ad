package io.seedship.runtime.test;

import io.seedship.contracts.Records;
import io.seedship.contracts.Topics;
import io.seedship.contracts.common.EventMetadata;
import io.seedship.runtime.messaging.EventMetadataFactory;
import io.seedship.runtime.work.LeaseLostException;
import io.seedship.runtime.work.WorkContext;
import io.seedship.runtime.work.WorkTransaction;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.avro.specific.SpecificRecord;

/**
 * A {@link WorkContext} for given/when/then unit tests of a stage's work, without a database or a broker: it records
 * the progress reported and what the work's finishing transaction emits, and can play a lost lease.
 */
public final class RecordingWorkContext implements WorkContext {

  private final SpecificRecord input;
  private final EventMetadata cause;
  private final String kind;
  private final int attempt;
  private final EventMetadataFactory metadata = new EventMetadataFactory("test-stage", Clock.systemUTC());
  private final List<SpecificRecord> progress = new ArrayList<>();
  private final List<SpecificRecord> emitted = new ArrayList<>();
  private final List<String> scheduled = new ArrayList<>();
  private boolean finished;
  private volatile boolean lost;

  private RecordingWorkContext(SpecificRecord input, String kind, int attempt) {
    this.input = input;
    this.cause = Records.metadata(input);
    this.kind = kind;
    this.attempt = attempt;
  }

  /** The first run of work {@code kind} scheduled for {@code input}. */
  public static RecordingWorkContext running(String kind, SpecificRecord input) {
    return new RecordingWorkContext(input, kind, 1);
  }

  /** The {@code attempt}-th run (a retry or a take-over). */
  public RecordingWorkContext attempt(int attempt) {
    return new RecordingWorkContext(input, kind, attempt);
  }

  /** From now on, as if another instance had taken the work over. */
  public void loseLease() {
    lost = true;
  }

  @Override
  public String workId() {
    return "work-" + kind + "-" + cause.getEventId();
  }

  @Override
  public String seedId() {
    return cause.getSeedId();
  }

  @Override
  public int attempt() {
    return attempt;
  }

  @Override
  public SpecificRecord input() {
    return input;
  }

  @Override
  public <T extends SpecificRecord> T input(Class<T> type) {
    return type.cast(input);
  }

  @Override
  public EventMetadata event(String name) {
    return metadata.derived(cause, kind + "/" + name);
  }

  @Override
  public EventMetadata progressEvent() {
    return metadata.fresh(cause);
  }

  @Override
  public void progress(SpecificRecord event, String summary) {
    checkpoint();
    if (event != null) {
      progress.add(event);
    }
  }

  @Override
  public void finish(Consumer<WorkTransaction> body) {
    checkpoint();
    if (finished) {
      throw new IllegalStateException("work " + workId() + " is already finished");
    }
    List<SpecificRecord> out = new ArrayList<>();
    List<String> kinds = new ArrayList<>();
    body.accept(new WorkTransaction() {
      @Override
      public void emit(SpecificRecord record) {
        Topics.topicOf(record.getClass());
        out.add(record);
      }

      @Override
      public void schedule(String kind) {
        kinds.add(kind);
      }
    });
    emitted.addAll(out);
    scheduled.addAll(kinds);
    finished = true;
  }

  @Override
  public void checkpoint() {
    if (lost) {
      throw new LeaseLostException("work " + workId() + " lost its lease (test)");
    }
  }

  public boolean finished() {
    return finished;
  }

  public List<SpecificRecord> progress() {
    return List.copyOf(progress);
  }

  /** Kinds of work the ending transaction scheduled. */
  public List<String> scheduled() {
    return List.copyOf(scheduled);
  }

  public List<SpecificRecord> emitted() {
    return List.copyOf(emitted);
  }

  public <T extends SpecificRecord> List<T> emitted(Class<T> type) {
    return emitted.stream().filter(type::isInstance).map(type::cast).toList();
  }
}
