package io.seedship.contracts.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.seedship.contracts.Samples;
import io.seedship.contracts.Topics;
import io.seedship.contracts.cloudevents.CloudEventHeaders;
import io.seedship.contracts.command.RequestSeed;
import io.seedship.contracts.staging.StagingProgress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.converter.MessageConversionException;
import org.springframework.messaging.support.MessageBuilder;

class SeedshipCodecTest {

  final SeedshipCodec codec = SeedshipCodec.instance();

  @Test
  void roundTripsMessagesWithNestedTypesEnumsOptionalsAndArrays() {
    for (SpecificRecord record : List.<SpecificRecord>of(Samples.requestSeed("seed-1"),
        Samples.stagingProgress("seed-2"), Samples.seedFailed("seed-3"))) {
      assertThat(codec.decode(codec.encode(record))).isEqualTo(record);
    }
  }

  @Test
  void writesTheSingleObjectHeaderWithTheSchemaFingerprint() {
    RequestSeed record = Samples.requestSeed("seed-1");
    byte[] bytes = codec.encode(record);
    assertThat(bytes[0]).isEqualTo((byte) 0xC3);
    assertThat(bytes[1]).isEqualTo((byte) 0x01);
    long fingerprint = ByteBuffer.wrap(bytes, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    assertThat(fingerprint).isEqualTo(SchemaNormalization.parsingFingerprint64(RequestSeed.getClassSchema()));
  }

  @Test
  void readsARecordWrittenWithTheFirstVersionOfItsSchema() throws Exception {
    Schema v1 = SchemaHistory.fromClasspath(StagingProgress.getClassSchema().getFullName(),
        getClass().getClassLoader()).getFirst();
    StagingProgress current = Samples.stagingProgress("seed-7");
    GenericRecord old = new GenericData.Record(v1);
    for (Schema.Field f : v1.getFields()) {
      old.put(f.name(), GenericData.get().deepCopy(f.schema(), toGeneric(current, f.name())));
    }
    ByteBuffer written = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), v1).encode(old);

    StagingProgress read = codec.decode(toArray(written), StagingProgress.class);
    assertThat(read.getEstimatedSecondsRemaining()).isNull();
    assertThat(read.getBytesDone()).isEqualTo(current.getBytesDone());
    assertThat(read.getMetadata().getSeedId()).isEqualTo("seed-7");
  }

  @Test
  void aSubscriberOnTheFirstVersionReadsTheCurrentOne() throws Exception {
    Schema v1 = SchemaHistory.fromClasspath(StagingProgress.getClassSchema().getFullName(),
        getClass().getClassLoader()).getFirst();
    BinaryMessageDecoder<GenericRecord> oldReader = new BinaryMessageDecoder<>(GenericData.get(), v1);
    oldReader.addSchema(StagingProgress.getClassSchema());
    GenericRecord read = oldReader.decode(codec.encode(Samples.stagingProgress("seed-8")));
    assertThat(read.getSchema().getField("estimatedSecondsRemaining")).isNull();
    assertThat(read.get("chunksWritten")).isEqualTo(3);
  }

  @Test
  void refusesBytesThatAreNotASeedshipRecord() {
    assertThatThrownBy(() -> codec.decode("{\"seedId\":\"x\"}".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(UndecodableRecordException.class).hasMessageContaining("expected it to start with c3 01");
    assertThatThrownBy(() -> codec.decode(new byte[] {(byte) 0xC3, 1, 1, 2, 3, 4, 5, 6, 7, 8, 9}))
        .isInstanceOf(UndecodableRecordException.class).hasMessageContaining("unknown schema fingerprint");
    byte[] good = codec.encode(Samples.requestSeed("seed-1"));
    assertThatThrownBy(() -> codec.decode(Arrays.copyOf(good, good.length - 5)))
        .isInstanceOf(UndecodableRecordException.class).hasMessageContaining("corrupt RequestSeed");
    assertThatThrownBy(() -> codec.decode(Arrays.copyOf(good, good.length + 3)))
        .isInstanceOf(UndecodableRecordException.class).hasMessageContaining("trailing bytes");
    assertThatThrownBy(() -> codec.decode(good, StagingProgress.class))
        .isInstanceOf(UndecodableRecordException.class).hasMessageContaining("but the record is");
  }

  @Test
  void knowsEveryMessageTypeOfTheCatalog() {
    assertThat(Topics.messageTypes()).allMatch(codec::knows).hasSizeGreaterThan(20);
  }

  @Test
  void kafkaSerdeAddsCloudEventHeadersAndWrapsDecodeErrors() {
    var serde = new SeedshipSerde();
    RequestSeed record = Samples.requestSeed("seed-9");
    var headers = new RecordHeaders();
    byte[] bytes = serde.serializer().serialize("seedship.commands", headers, record);

    assertThat(serde.deserializer().deserialize("seedship.commands", bytes)).isEqualTo(record);
    assertThat(header(headers, CloudEventHeaders.SPEC_VERSION)).isEqualTo("1.0");
    assertThat(header(headers, CloudEventHeaders.ID)).isEqualTo(record.getMetadata().getEventId());
    assertThat(header(headers, CloudEventHeaders.TYPE)).isEqualTo("io.seedship.contracts.command.RequestSeed");
    assertThat(header(headers, CloudEventHeaders.SUBJECT)).isEqualTo("seed-9");
    assertThat(header(headers, CloudEventHeaders.SOURCE)).isEqualTo("/seedship/operator-cli");
    assertThat(header(headers, CloudEventHeaders.TIME)).isEqualTo(record.getMetadata().getOccurredAt().toString());
    assertThat(header(headers, CloudEventHeaders.CONTENT_TYPE)).isEqualTo("application/avro");
    assertThat(headers.lastHeader(CloudEventHeaders.CAUSATION_ID)).isNull();

    assertThatThrownBy(() -> serde.deserializer().deserialize("seedship.commands", new byte[] {1, 2, 3}))
        .isInstanceOf(SerializationException.class).hasMessageContaining("seedship.commands");
    assertThat(serde.deserializer().deserialize("seedship.seed.status", null)).isNull();
  }

  @Test
  void springConverterReadsAndWritesApplicationAvro() {
    var converter = new AvroMessageConverter();
    RequestSeed record = Samples.requestSeed("seed-10");
    var headers = new MessageHeaders(java.util.Map.of(MessageHeaders.CONTENT_TYPE, "application/avro"));
    Message<?> out = converter.toMessage(record, headers);
    assertThat(out).isNotNull();
    assertThat(out.getPayload()).isInstanceOf(byte[].class);
    assertThat(converter.fromMessage(out, SpecificRecord.class)).isEqualTo(record);
    assertThat(converter.fromMessage(out, RequestSeed.class)).isEqualTo(record);

    Message<byte[]> poison = MessageBuilder.withPayload(new byte[] {9, 9, 9})
        .setHeader(MessageHeaders.CONTENT_TYPE, "application/avro").build();
    assertThatThrownBy(() -> converter.fromMessage(poison, SpecificRecord.class))
        .isInstanceOf(MessageConversionException.class).hasCauseInstanceOf(UndecodableRecordException.class);
    Message<byte[]> json = MessageBuilder.withPayload(out.getPayload() instanceof byte[] b ? b : new byte[0])
        .setHeader(MessageHeaders.CONTENT_TYPE, "application/json").build();
    assertThat(converter.fromMessage(json, SpecificRecord.class)).isNull();
  }

  @Test
  void theJarCarriesTheSchemasAsWritten() {
    assertThat(getClass().getClassLoader().getResource("avro/staging/StagingCompleted.avsc")).isNotNull();
    assertThat(getClass().getClassLoader().getResource("avro/common/EventMetadata.avsc")).isNotNull();
  }

  private static String header(RecordHeaders headers, String name) {
    return new String(headers.lastHeader(name).value(), StandardCharsets.UTF_8);
  }

  private static Object toGeneric(SpecificRecord record, String field) {
    Object value = record.get(record.getSchema().getField(field).pos());
    if (value instanceof SpecificRecord nested) {
      GenericRecord g = new GenericData.Record(nested.getSchema());
      nested.getSchema().getFields().forEach(f -> g.put(f.name(), toGeneric(nested, f.name())));
      return g;
    }
    if (value instanceof java.time.Instant i) {
      return i.toEpochMilli();
    }
    return value;
  }

  private static byte[] toArray(ByteBuffer buffer) {
    byte[] bytes = new byte[buffer.remaining()];
    buffer.get(bytes);
    return bytes;
  }
}
