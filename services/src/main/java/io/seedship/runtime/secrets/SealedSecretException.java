package io.seedship.runtime.secrets;

/**
 * A sealed secret that cannot be opened: altered, bound to another owner, sealed with a key-encryption key that is not
 * configured, or not a sealed secret at all. The message says which; it never holds secret material.
 */
public class SealedSecretException extends RuntimeException {

  public SealedSecretException(String message) {
    super(message);
  }
}
