package io.seedship.localazure.datacenter;

import java.util.List;

/**
 * A fault the datacenter plays on one drive, set through the admin API and keyed by drive id:
 * <ul>
 *   <li>{@code WrongBitLockerKey}: the datacenter tries another recovery password than the job's (drive status
 *       BitLockerKeyInvalid);</li>
 *   <li>{@code CorruptedBlock}: one block reads back damaged (one byte flipped after reading), so its MD5 does not match
 *       the manifest (block Corrupted, blob and drive CompletedWithErrors);</li>
 *   <li>{@code MissingFromPackage}: the package arrives without this drive (NeverReceived) even if it was handed over;</li>
 *   <li>{@code NeverArrives}: the drive is lost in transit; a package whose drives all never arrive never arrives
 *       itself (two weeks after shipping its drives become NeverReceived, 30 days later the job is Closed).</li>
 * </ul>
 *
 * @param blobPath   for CorruptedBlock: the blob ("container/name") whose block is damaged; null for the first blob
 * @param blockIndex for CorruptedBlock: which of its blocks (0 for the first)
 */
record DriveFault(Kind kind, String blobPath, int blockIndex) {

  enum Kind { WrongBitLockerKey, CorruptedBlock, MissingFromPackage, NeverArrives }

  static final List<String> KINDS = java.util.Arrays.stream(Kind.values()).map(Enum::name).toList();

  boolean is(Kind wanted) {
    return kind == wanted;
  }

  /** True when this is the damaged block of a CorruptedBlock fault. */
  boolean corrupts(String blob, boolean firstBlob, int index) {
    if (kind != Kind.CorruptedBlock || index != blockIndex) {
      return false;
    }
    return blobPath == null ? firstBlob : strip(blobPath).equals(strip(blob));
  }

  private static String strip(String path) {
    return path.startsWith("/") ? path.substring(1) : path;
  }
}
