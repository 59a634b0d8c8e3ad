package io.seedship.contracts.cloudevents;

import io.seedship.contracts.Records;
import io.seedship.contracts.common.EventMetadata;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;

/**
 * CloudEvents 1.0 Kafka protocol binding, binary mode: the event attributes travel as {@code ce_*} record headers
 * (UTF-8 strings) and the data is the record value, so subscribers outside Seedship can route and filter with
 * ordinary tools. Every attribute is derived from the record's {@link EventMetadata}.
 */
public final class CloudEventHeaders {

  public static final String SPEC_VERSION = "ce_specversion";
  public static final String ID = "ce_id";
  public static final String SOURCE = "ce_source";
  public static final String TYPE = "ce_type";
  public static final String SUBJECT = "ce_subject";
  public static final String TIME = "ce_time";
  /** Extensions: the seed's correlation id and the id of the event that caused this one. */
  public static final String CORRELATION_ID = "ce_correlationid";
  public static final String CAUSATION_ID = "ce_causationid";
  public static final String CONTENT_TYPE = "content-type";
  /**
   * The data's content type (the CloudEvents {@code datacontenttype}): every Seedship message is single-object Avro.
   * It lives here, with the envelope, so the codec (which writes these headers) depends on this package and not the
   * other way round.
   */
  public static final String DATA_CONTENT_TYPE = "application/avro";

  public static final String SPEC_VERSION_VALUE = "1.0";
  public static final String SOURCE_PREFIX = "/seedship/";

  private CloudEventHeaders() {
  }

  /** The headers of a record, in a stable order. */
  public static Map<String, String> of(SpecificRecord record) {
    EventMetadata m = Records.metadata(record);
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put(SPEC_VERSION, SPEC_VERSION_VALUE);
    headers.put(ID, m.getEventId());
    headers.put(SOURCE, SOURCE_PREFIX + m.getProducer());
    headers.put(TYPE, Records.type(record));
    headers.put(SUBJECT, m.getSeedId());
    headers.put(TIME, DateTimeFormatter.ISO_INSTANT.format(m.getOccurredAt()));
    headers.put(CORRELATION_ID, m.getCorrelationId());
    if (m.getCausationId() != null) {
      headers.put(CAUSATION_ID, m.getCausationId());
    }
    headers.put(CONTENT_TYPE, DATA_CONTENT_TYPE);
    return headers;
  }

  public static byte[] bytes(String value) {
    return value.getBytes(StandardCharsets.UTF_8);
  }
}
