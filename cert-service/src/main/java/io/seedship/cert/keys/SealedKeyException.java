package io.seedship.cert.keys;

/**
 * A sealed private key that cannot be opened: altered, bound to another certificate, sealed with a key-encryption key
 * that is not configured, or not a sealed key at all. The message says which; it never holds key material.
 */
public class SealedKeyException extends io.seedship.runtime.secrets.SealedSecretException {

  public SealedKeyException(String message) {
    super(message);
  }
}
