package io.seedship.staging.chunks;

/**
 * Where the reader stood when a block filled up: everything before it is in the chunks up to that block.
 *
 * @param entry         index in the walk of the entry being read (the entry count at the very end)
 * @param offset        bytes of that entry already in the stream
 * @param path          that entry's path, size and mtime, so a resume can tell whether it changed (null at the end)
 * @param entriesLength bytes of the entries file holding exactly the entries before {@code entry}
 * @param bytesDone     the stream offset: source bytes in the chunks up to here
 * @param filesDone     files completely read before {@code entry}
 */
record ResumePoint(long entry, long offset, String path, long size, String mtime, long entriesLength, long bytesDone,
                   long filesDone) {

    static final ResumePoint START = new ResumePoint(0, 0, null, 0, null, 0, 0, 0);
}
