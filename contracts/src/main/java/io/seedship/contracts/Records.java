package io.seedship.contracts;

import io.seedship.contracts.common.EventMetadata;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

/** Access to the envelope that every Seedship message carries in its {@code metadata} field. */
public final class Records {

  public static final String METADATA_FIELD = "metadata";

  private Records() {
  }

  public static EventMetadata metadata(SpecificRecord record) {
    Schema.Field field = record.getSchema().getField(METADATA_FIELD);
    if (field == null) {
      throw new IllegalArgumentException(record.getSchema().getFullName() + " has no metadata field: it is not a Seedship message");
    }
    return (EventMetadata) record.get(field.pos());
  }

  public static String seedId(SpecificRecord record) {
    return metadata(record).getSeedId();
  }

  public static String eventId(SpecificRecord record) {
    return metadata(record).getEventId();
  }

  /** The CloudEvents type of a record: its Avro full name. */
  public static String type(SpecificRecord record) {
    return record.getSchema().getFullName();
  }
}
