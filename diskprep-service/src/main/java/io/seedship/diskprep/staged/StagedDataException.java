package io.seedship.diskprep.staged;

import java.io.IOException;

/** The staging a seed names cannot be read as announced; names the field at fault. */
public class StagedDataException extends IOException {

  private final String field;

  public StagedDataException(String field, String message) {
    super(message);
    this.field = field;
  }

  public String field() {
    return field;
  }
}
