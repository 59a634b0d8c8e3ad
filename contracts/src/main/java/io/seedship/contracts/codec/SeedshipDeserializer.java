package io.seedship.contracts.codec;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/** Kafka deserializer: any Seedship message, written with its current or any earlier schema version. */
public class SeedshipDeserializer implements Deserializer<SpecificRecord> {

  private final SeedshipCodec codec;

  public SeedshipDeserializer() {
    this(SeedshipCodec.instance());
  }

  public SeedshipDeserializer(SeedshipCodec codec) {
    this.codec = codec;
  }

  @Override
  public SpecificRecord deserialize(String topic, byte[] data) {
    if (data == null) {
      return null; // a tombstone on a compacted topic
    }
    try {
      return codec.decode(data);
    } catch (UndecodableRecordException e) {
      throw new SerializationException("topic " + topic + ": " + e.getMessage(), e);
    }
  }
}
