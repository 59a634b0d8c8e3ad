package io.seedship.contracts;

import java.util.List;
import org.apache.avro.specific.SpecificRecord;

/**
 * One Kafka topic of Seedship. Every record on it is keyed by seed id and its value is one of
 * {@link #valueTypes()}, single-object encoded (see {@link io.seedship.contracts.codec.SeedshipCodec}).
 *
 * @param name        topic name
 * @param compacted   true when the topic keeps only the latest record per seed id
 * @param partitions  default partition count; seeds spread over partitions by key
 * @param valueTypes  the record types that may appear on the topic (empty: any, as on the dead-letter topic)
 * @param description what the topic is for, in the workflow's words
 */
public record Topic(String name, boolean compacted, int partitions,
                    List<Class<? extends SpecificRecord>> valueTypes, String description) {

  public Topic {
    valueTypes = List.copyOf(valueTypes);
  }

  public boolean carries(Class<? extends SpecificRecord> type) {
    return valueTypes.contains(type);
  }
}
