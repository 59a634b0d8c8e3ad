package io.seedship.cli.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.seedship.contracts.Records;
import io.seedship.contracts.codec.SeedshipCodec;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** A record read from a Seedship topic, with its event decoded when it is one this version knows. */
public record DecodedRecord(ConsumerRecord<String, byte[]> raw, Optional<SpecificRecord> event, String problem) {

  private static final ObjectMapper JSON = new ObjectMapper();

  public static DecodedRecord of(ConsumerRecord<String, byte[]> raw) {
    if (raw.value() == null) {
      return new DecodedRecord(raw, Optional.empty(), "no value (a tombstone)");
    }
    try {
      return new DecodedRecord(raw, Optional.of(SeedshipCodec.instance().decode(raw.value())), null);
    } catch (RuntimeException e) {
      return new DecodedRecord(raw, Optional.empty(), "undecodable: " + e.getMessage());
    }
  }

  /** {@code topic-partition@offset}: where the record is. */
  public String at() {
    return raw.topic() + "-" + raw.partition() + "@" + raw.offset();
  }

  public String type() {
    return event.map(e -> e.getSchema().getName()).orElse("-");
  }

  /** The Avro full name, as the services name the types they handle. */
  public String fullType() {
    return event.map(e -> e.getSchema().getFullName()).orElse(null);
  }

  public String eventId() {
    return event.map(Records::eventId).orElse(null);
  }

  public Instant time() {
    return Instant.ofEpochMilli(raw.timestamp());
  }

  /** The event as JSON (Avro's own rendering), for {@code -o json|yaml} and {@code show}. */
  public JsonNode json() {
    if (event.isEmpty()) {
      return null;
    }
    try {
      return JSON.readTree(event.get().toString());
    } catch (Exception e) {
      return JSON.getNodeFactory().textNode(event.get().toString());
    }
  }

  /** The row every listing of records starts with. */
  public Map<String, Object> row() {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("time", time().toString());
    row.put("at", at());
    row.put("seed", raw.key());
    row.put("type", event.isPresent() ? type() : problem);
    row.put("eventId", eventId());
    return row;
  }
}
