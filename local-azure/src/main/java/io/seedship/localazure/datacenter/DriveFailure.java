package io.seedship.localazure.datacenter;

/**
 * A drive the datacenter cannot copy at all: {@code status} is the DriveLog drive status it ends with (a code from the
 * published vocabulary: BitLockerKeyInvalid, ManifestCorrupted, ...). Messages never carry the BitLocker key.
 */
final class DriveFailure extends Exception {

  private final String status;

  DriveFailure(String status, String message) {
    super(message);
    this.status = status;
  }

  DriveFailure(String status, String message, Throwable cause) {
    super(message, cause);
    this.status = status;
  }

  String status() {
    return status;
  }
}
