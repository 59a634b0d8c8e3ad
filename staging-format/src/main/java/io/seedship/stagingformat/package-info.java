/**
 * The staging manifest: {@code staging-manifest.json}, beside the chunk files in the staging directory, and its hash
 * {@code staging-manifest.json.sha256} (one line, {@code <sha256 hex>  staging-manifest.json}, so
 * {@code sha256sum -c staging-manifest.json.sha256} checks it).
 *
 * <h2>Format, version 1</h2>
 * One JSON object, UTF-8, written and read as a stream ({@link io.seedship.stagingformat.ManifestWriter},
 * {@link io.seedship.stagingformat.ManifestReader}); each header field and each record of the two lists on its own
 * line. The fields come in this order, and readers may rely on it (the header before the lists, chunks before
 * entries):
 * <pre>
 * {
 *   "format":"seedship-staging-manifest",
 *   "formatVersion":1,
 *   "source":{"description":"directory /data/share"},
 *   "options":{"chunkTargetBytes":1073741824,"compression":"zstd","zstdLevel":3,"blockBytes":4194304},
 *   "hashes":{...a reminder of the three hash kinds below...},
 *   "totals":{"entries":..,"files":..,"directories":..,"symlinks":..,"skipped":..,
 *             "sourceBytes":..,"stagedBytes":..,"chunks":..},
 *   "chunks":[
 *     {"chunk":1,"name":"chunk-000001.zst","size":..,"md5":"..","streamOffset":0,"streamLength":..,
 *      "blockMd5s":["..",".."]},
 *     ...
 *   ],
 *   "entries":[
 *     {"path":"docs","kind":"DIRECTORY","mode":"0755","mtime":"2024-05-06T07:08:09.123456789Z"},
 *     {"path":"docs/a.txt","kind":"FILE","size":5,"mode":"0644","mtime":"..","sha256":"..","streamOffset":0,
 *      "segments":[{"chunk":1,"offset":0,"length":5}]},
 *     {"path":"docs/link","kind":"SYMLINK","mode":"0777","mtime":"..","target":"../a.txt"},
 *     {"path":"docs/pipe","kind":"OTHER","mode":"0644","mtime":"..","skipped":"fifo: not a regular file, ..."}
 *   ]
 * }
 * </pre>
 *
 * <h2>The stream and the chunks</h2>
 * The bytes of all files, concatenated in entry order, form one stream. It is cut into blocks of {@code blockBytes}
 * (the last one shorter); each block is compressed as an independent zstd frame (with content size and checksum), and
 * the frames are appended to chunk files. A chunk closes after the first frame that brings its size to
 * {@code chunkTargetBytes} or more, so every chunk file is a complete zstd stream ({@code zstd -d} decompresses it)
 * and holds the stream range {@code [streamOffset, streamOffset + streamLength)}. Files span chunks freely; a
 * file's {@code segments} say which chunks hold its bytes: {@code offset} is within that chunk's uncompressed bytes.
 * Empty files and entries of other kinds have no segments.
 *
 * <h2>Entries</h2>
 * In walk order: depth first, a directory before its contents, each directory's names sorted by Unicode code point.
 * {@code path} is relative, '/'-separated, the names exactly as the file system gave them. {@code mode} is the POSIX
 * mode as four octal digits (absent where the file store has none); {@code mtime} is ISO-8601 UTC with the file
 * system's precision. {@code size} appears for files only. Symlinks keep their target text and are never followed.
 * Fifos, sockets and devices are {@code OTHER}: listed with the reason they were skipped, not staged. Owners, ACLs
 * and extended attributes are not recorded.
 *
 * <h2>Hashes</h2>
 * Every hash is lowercase hex (Base16), as {@code sha256sum} and {@code md5sum} print them:
 * <ul>
 *   <li>{@code sha256} of an entry: SHA-256 of the file's bytes as read from the source;</li>
 *   <li>{@code md5} of a chunk: MD5 of the whole chunk file, the blob's Content-MD5 in Base16 (Azure sends
 *       Content-MD5 in base64: convert with {@code Base64.getEncoder().encode(HexFormat.of().parseHex(md5))});</li>
 *   <li>{@code blockMd5s} of a chunk: MD5 of each {@code blockBytes} block of the chunk <em>file</em> (compressed
 *       bytes, at offsets 0, blockBytes, 2 x blockBytes, ...; the last block shorter), so whoever uploads or copies
 *       the chunk as a block blob of that block size need not hash it again.</li>
 * </ul>
 */
package io.seedship.stagingformat;
