package io.seedship.contracts.codec;

import io.seedship.contracts.cloudevents.CloudEventHeaders;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serializer;

/** Kafka serializer: single-object Avro, and the CloudEvents headers added where the producer did not set them. */
public class SeedshipSerializer implements Serializer<SpecificRecord> {

  private final SeedshipCodec codec;

  public SeedshipSerializer() {
    this(SeedshipCodec.instance());
  }

  public SeedshipSerializer(SeedshipCodec codec) {
    this.codec = codec;
  }

  @Override
  public byte[] serialize(String topic, SpecificRecord data) {
    return data == null ? null : codec.encode(data);
  }

  @Override
  public byte[] serialize(String topic, Headers headers, SpecificRecord data) {
    if (data != null && headers != null) {
      CloudEventHeaders.of(data).forEach((name, value) -> {
        if (headers.lastHeader(name) == null) {
          headers.add(name, CloudEventHeaders.bytes(value));
        }
      });
    }
    return serialize(topic, data);
  }
}
