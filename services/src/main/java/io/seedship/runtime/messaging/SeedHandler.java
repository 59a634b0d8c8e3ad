package io.seedship.runtime.messaging;

import java.util.function.BiConsumer;
import org.apache.avro.specific.SpecificRecord;

/**
 * A stage's reaction to one type of command or event. The runtime calls it at most once per event id, inside one
 * database transaction and one Kafka transaction: what it changes in the database and what it emits through the
 * context land together or not at all. Declare one as a bean; its topic must be in {@code seedship.consumes}.
 */
public interface SeedHandler<T extends SpecificRecord> {

  Class<T> type();

  void handle(T record, SeedContext context);

  static <T extends SpecificRecord> SeedHandler<T> of(Class<T> type, BiConsumer<T, SeedContext> body) {
    return new SeedHandler<>() {
      @Override
      public Class<T> type() {
        return type;
      }

      @Override
      public void handle(T record, SeedContext context) {
        body.accept(record, context);
      }
    };
  }
}
