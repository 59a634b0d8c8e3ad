package io.seedship.contracts.codec;

import io.seedship.contracts.Topics;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.util.ClassSecurityValidator;

/**
 * Avro single-object encoding of Seedship messages: {@code C3 01}, the 8-byte little-endian CRC-64-AVRO
 * fingerprint of the writer schema, then the Avro binary body. No schema registry is needed: the reader finds the
 * writer schema by fingerprint among the current schemas and every earlier version kept in {@link SchemaHistory},
 * and resolves it to the current generated class.
 */
public final class SeedshipCodec {

  private static final byte[] MAGIC = {(byte) 0xC3, (byte) 0x01};
  private static final int HEADER_LENGTH = MAGIC.length + Long.BYTES;
  private static final String TRUSTED_PACKAGE = "io.seedship.contracts.";

  static {
    // Avro 1.12 refuses to instantiate generated classes outside packages it trusts.
    ClassSecurityValidator.setGlobal(ClassSecurityValidator.composite(ClassSecurityValidator.getGlobal(),
        type -> type.getName().startsWith(TRUSTED_PACKAGE)));
  }

  /**
   * Makes sure Avro trusts the contracts' generated classes (this class's static initializer does), for code that
   * decodes a contracts record directly ({@code SeedRequest.fromByteBuffer}) before any codec exists.
   */
  public static void trustContracts() {
    // the static initializer above has run by now
  }

  private static final class Holder {
    static final SeedshipCodec INSTANCE = new SeedshipCodec(Topics.messageTypes());
  }

  private record Reader(Class<? extends SpecificRecord> type, SpecificDatumReader<SpecificRecord> reader,
                        int version) {
  }

  private final Map<Long, Reader> readers = new HashMap<>();
  private final Map<Class<?>, BinaryMessageEncoder<SpecificRecord>> encoders = new HashMap<>();

  /** A codec for the given message types, reading their current schema and every kept earlier version. */
  public SeedshipCodec(Collection<Class<? extends SpecificRecord>> types) {
    for (Class<? extends SpecificRecord> type : types) {
      Schema current = SpecificData.get().getSchema(type);
      SpecificData model = SpecificData.getForClass(type);
      encoders.put(type, new BinaryMessageEncoder<>(model, current));
      List<Schema> history = SchemaHistory.fromClasspath(current.getFullName(), type.getClassLoader());
      for (int i = 0; i < history.size(); i++) {
        register(type, model, history.get(i), current, i + 1);
      }
      register(type, model, current, current, history.size() + 1);
    }
  }

  /** The codec for every message type of {@link Topics}. */
  public static SeedshipCodec instance() {
    return Holder.INSTANCE;
  }

  private void register(Class<? extends SpecificRecord> type, SpecificData model, Schema writer, Schema reader,
                        int version) {
    long fingerprint = SchemaNormalization.parsingFingerprint64(writer);
    readers.putIfAbsent(fingerprint, new Reader(type, new SpecificDatumReader<>(writer, reader, model), version));
  }

  public boolean knows(Class<?> type) {
    return encoders.containsKey(type);
  }

  public byte[] encode(SpecificRecord record) {
    BinaryMessageEncoder<SpecificRecord> encoder = encoders.get(record.getClass());
    if (encoder == null) {
      throw new IllegalArgumentException(record.getClass().getName() + " is not a Seedship message type");
    }
    try {
      ByteBuffer buffer = encoder.encode(record);
      byte[] bytes = new byte[buffer.remaining()];
      buffer.get(bytes);
      return bytes;
    } catch (IOException | AvroRuntimeException e) {
      throw new IllegalArgumentException("cannot encode " + record.getSchema().getFullName() + ": " + e.getMessage(), e);
    }
  }

  public SpecificRecord decode(byte[] bytes) {
    if (bytes == null) {
      throw new UndecodableRecordException("record has no value (null): not a Seedship message");
    }
    if (bytes.length < HEADER_LENGTH || bytes[0] != MAGIC[0] || bytes[1] != MAGIC[1]) {
      throw new UndecodableRecordException("record is not Avro single-object encoded: expected it to start with c3 01, got "
          + HexFormat.of().formatHex(bytes, 0, Math.min(bytes.length, HEADER_LENGTH)) + " (" + bytes.length + " bytes)");
    }
    long fingerprint = ByteBuffer.wrap(bytes, MAGIC.length, Long.BYTES).order(ByteOrder.LITTLE_ENDIAN).getLong();
    Reader reader = readers.get(fingerprint);
    if (reader == null) {
      throw new UndecodableRecordException("unknown schema fingerprint " + Long.toHexString(fingerprint)
          + ": written with a schema this build does not know (a newer contracts version, or not Seedship's)");
    }
    try {
      BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(bytes, HEADER_LENGTH, bytes.length - HEADER_LENGTH, null);
      SpecificRecord record = reader.reader().read(null, decoder);
      if (!decoder.isEnd()) {
        throw new UndecodableRecordException("trailing bytes after a " + reader.type().getSimpleName() + " record");
      }
      return record;
    } catch (IOException | RuntimeException e) {
      if (e instanceof UndecodableRecordException u) {
        throw u;
      }
      throw new UndecodableRecordException("corrupt " + reader.type().getSimpleName() + " record (schema v"
          + reader.version() + "): " + e, e);
    }
  }

  public <T extends SpecificRecord> T decode(byte[] bytes, Class<T> expected) {
    SpecificRecord record = decode(bytes);
    if (!expected.isInstance(record)) {
      throw new UndecodableRecordException("expected " + expected.getName() + " but the record is "
          + record.getClass().getName());
    }
    return expected.cast(record);
  }
}
