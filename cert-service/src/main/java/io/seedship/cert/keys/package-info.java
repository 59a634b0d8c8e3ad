/**
 * Private keys at rest: sealed with AES-256-GCM under a key-encryption key from configuration
 * ({@link io.seedship.cert.keys.KeyWrapper}, {@link io.seedship.cert.keys.KeyEncryptionKey}), behind an interface an
 * Azure Key Vault implementation can satisfy later ({@link io.seedship.cert.keys.PrivateKeyVault}). Plain Java.
 */
package io.seedship.cert.keys;
