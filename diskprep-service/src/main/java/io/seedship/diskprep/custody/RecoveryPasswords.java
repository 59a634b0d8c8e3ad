package io.seedship.diskprep.custody;

import io.seedship.driveformat.bitlocker.RecoveryPassword;
import io.seedship.runtime.secrets.SecretSealer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * The custody of BitLocker recovery passwords on the copy machine: made here, sealed at rest with the agent's
 * key-encryption key and bound to the drive's serial (so a sealed password copied to another drive's row does not
 * open), opened only to write the drive, to register it in the import job, or for an operator's explicit, audited
 * request ({@code web.RecoveryPasswordController}). Never on Kafka, never in a log line.
 */
public final class RecoveryPasswords {

  private final SecretSealer sealer;
  private final SecureRandom random = new SecureRandom();

  public RecoveryPasswords(SecretSealer sealer) {
    this.sealer = sealer;
  }

  public RecoveryPassword generate() {
    return RecoveryPassword.generate(random);
  }

  public byte[] seal(String serial, RecoveryPassword password) {
    byte[] plain = password.reveal().getBytes(StandardCharsets.US_ASCII);
    try {
      return sealer.seal(plain, serial);
    } finally {
      Arrays.fill(plain, (byte) 0);
    }
  }

  public RecoveryPassword open(String serial, byte[] sealed) {
    byte[] plain = sealer.open(sealed, serial);
    try {
      return RecoveryPassword.parse(new String(plain, StandardCharsets.US_ASCII));
    } finally {
      Arrays.fill(plain, (byte) 0);
    }
  }

  /** Whether {@code sealed} was sealed under a KEK other than the active one (a rotation is under way). */
  public boolean needsRewrap(byte[] sealed) {
    return sealer.needsRewrap(sealed);
  }

  /** {@code sealed} opened and sealed again under the active KEK, for the same drive. */
  public byte[] rewrap(String serial, byte[] sealed) {
    return sealer.rewrap(sealed, serial);
  }

  /** The id of the KEK new passwords are sealed under. */
  public String activeKeyId() {
    return sealer.activeKeyId();
  }
}
