/**
 * Where the data of an initial backup comes from: {@link io.seedship.staging.source.BackupSource} is the seam a
 * DPM/MABS or MARS (VSS) source plugs into; {@link io.seedship.staging.source.DirectoryTreeSource} is the local mode,
 * a directory tree walked in a deterministic order.
 */
package io.seedship.staging.source;
