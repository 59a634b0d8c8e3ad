package io.seedship.contracts.codec;

/** A record value that is not a Seedship single-object Avro record this build can read. Never worth a retry. */
public class UndecodableRecordException extends RuntimeException {

  public UndecodableRecordException(String message) {
    super(message);
  }

  public UndecodableRecordException(String message, Throwable cause) {
    super(message, cause);
  }
}
