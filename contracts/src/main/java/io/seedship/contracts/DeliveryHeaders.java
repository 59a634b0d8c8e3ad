package io.seedship.contracts;

/**
 * Record headers about a record's delivery rather than its event (those are
 * {@link io.seedship.contracts.cloudevents.CloudEventHeaders}): where a dead letter came from and why, and to whom a
 * replayed record is addressed. Services write them; the {@code seedship} command reads them.
 */
public final class DeliveryHeaders {

  /** On a dead letter: its original topic, partition and offset, written by the binder. */
  public static final String ORIGINAL_TOPIC = "x-original-topic";
  public static final String ORIGINAL_PARTITION = "x-original-partition";
  public static final String ORIGINAL_OFFSET = "x-original-offset";
  /** On a dead letter: the binder's exception message and stack trace. */
  public static final String EXCEPTION_MESSAGE = "x-exception-message";
  public static final String EXCEPTION_STACKTRACE = "x-exception-stacktrace";
  /** On a dead letter: the root cause, readable (the binder's own message is only "rollback limit exceeded"). */
  public static final String ROOT_CAUSE = "seedship-root-cause";
  /** On a dead letter: the consumer group that gave up on it, where a redrive sends it back. */
  public static final String DEAD_LETTERED_BY = "seedship-dead-lettered-by";
  /** On {@link Topics#REPLAY}: the consumer group that is to handle the record; every other group passes it by. */
  public static final String REPLAY_TO = "seedship-replay-to";
  /** On {@link Topics#REPLAY}: why it is there ({@code replay} or {@code redrive}), for whoever reads the topic. */
  public static final String REPLAY_REASON = "seedship-replay-reason";

  private DeliveryHeaders() {
  }
}
