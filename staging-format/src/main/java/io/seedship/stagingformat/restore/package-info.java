/**
 * Reading a staging back: {@link io.seedship.stagingformat.restore.StagingRestorer} verifies (manifest hash, chunk sizes
 * and MD5s, file SHA-256s) and restores a staged tree.
 */
package io.seedship.stagingformat.restore;
