package io.seedship.contracts.codec;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/** Serde of Seedship messages for Kafka clients and Kafka Streams; keys are plain UTF-8 seed ids. */
public class SeedshipSerde implements Serde<SpecificRecord> {

  private final SeedshipCodec codec;

  public SeedshipSerde() {
    this(SeedshipCodec.instance());
  }

  public SeedshipSerde(SeedshipCodec codec) {
    this.codec = codec;
  }

  @Override
  public Serializer<SpecificRecord> serializer() {
    return new SeedshipSerializer(codec);
  }

  @Override
  public Deserializer<SpecificRecord> deserializer() {
    return new SeedshipDeserializer(codec);
  }
}
