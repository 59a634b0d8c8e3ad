package io.seedship.contracts.codec;

import io.seedship.contracts.cloudevents.CloudEventHeaders;
import org.apache.avro.specific.SpecificRecord;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.converter.AbstractMessageConverter;
import org.springframework.messaging.converter.MessageConversionException;
import org.springframework.util.MimeType;

/**
 * Spring message converter for {@code application/avro}: Seedship messages to and from single-object Avro bytes.
 * A payload that cannot be decoded fails with a {@link MessageConversionException} whose cause is an
 * {@link UndecodableRecordException}, so error handling can send it to the dead letters without retrying.
 */
public class AvroMessageConverter extends AbstractMessageConverter {

  public static final MimeType MIME_TYPE = MimeType.valueOf(CloudEventHeaders.DATA_CONTENT_TYPE);

  private final SeedshipCodec codec;

  public AvroMessageConverter() {
    this(SeedshipCodec.instance());
  }

  public AvroMessageConverter(SeedshipCodec codec) {
    super(MIME_TYPE);
    this.codec = codec;
  }

  @Override
  protected boolean supports(Class<?> type) {
    return SpecificRecord.class.isAssignableFrom(type);
  }

  @Override
  protected boolean canConvertFrom(Message<?> message, Class<?> targetClass) {
    return message.getPayload() instanceof byte[] && supports(targetClass) && supportsMimeType(message.getHeaders());
  }

  @Override
  protected Object convertFromInternal(Message<?> message, Class<?> targetClass, Object conversionHint) {
    try {
      SpecificRecord record = codec.decode((byte[]) message.getPayload());
      if (!targetClass.isInstance(record)) {
        throw new UndecodableRecordException("expected " + targetClass.getName() + " but the record is "
            + record.getClass().getName());
      }
      return record;
    } catch (UndecodableRecordException e) {
      throw new MessageConversionException(message, e.getMessage(), e);
    }
  }

  @Override
  protected Object convertToInternal(Object payload, MessageHeaders headers, Object conversionHint) {
    return codec.encode((SpecificRecord) payload);
  }
}
