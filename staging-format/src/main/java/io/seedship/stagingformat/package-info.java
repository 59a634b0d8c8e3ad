/**
 * The staging manifest: {@code staging-manifest.json}, beside the chunk files in the staging directory, and its hash
 * {@code staging-manifest.json.sha256} (one line, {@code <sha256 hex>  staging-manifest.json}, so
 * {@code sha256sum -c staging-manifest.json.sha256} checks it).
 *
 * <h2>Format, version 2</h2>
 * One JSON object, UTF-8, written and read as a stream ({@link io.seedship.stagingformat.ManifestWriter},
 * {@link io.seedship.stagingformat.ManifestReader}); each header field and each record of the two lists on its own
 * line. The fields come in this order, and readers may rely on it (the header before the lists, chunks before
 * entries):
 * <pre>
 * {
 *   "format":"seedship-staging-manifest",
 *   "formatVersion":2,
 *   "source":{"description":"directory /data/share"},
 *   "options":{"chunkTargetBytes":1073741824,"compression":"zstd","zstdLevel":3,"blockBytes":4194304},
 *   "checks":{"file":{"hash":"xxh128","covers":".."},"frame":{"hash":"xxh64","covers":".."},
 *             "block":{"hash":"md5","covers":".."}},
 *   "totals":{"entries":..,"files":..,"directories":..,"symlinks":..,"skipped":..,
 *             "sourceBytes":..,"stagedBytes":..,"chunks":..},
 *   "chunks":[
 *     {"chunk":1,"name":"chunk-000001.zst","size":..,"streamOffset":0,"streamLength":..,
 *      "blockMd5s":["..",".."]},
 *     ...
 *   ],
 *   "entries":[
 *     {"path":"docs","kind":"DIRECTORY","mode":"0755","mtime":"2024-05-06T07:08:09.123456789Z"},
 *     {"path":"docs/a.txt","kind":"FILE","size":5,"mode":"0644","mtime":"..","xxh128":"..","streamOffset":0,
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
 * <h2>Checks</h2>
 * Three checks cover every byte; {@code "checks"} names them, and the restorer, {@code seedship-staging verify} and
 * the vault's check verify all three. Every hash is lowercase hex (Base16), as {@code md5sum} and {@code xxhsum} print
 * them.
 * <ul>
 *   <li>file: each file entry carries the hash of its bytes as read from the source, under the field that
 *       {@code checks.file.hash} names: {@code "xxh128"} (XXH3 128-bit, {@code xxhsum -H2}; the default) or
 *       {@code "sha256"} ({@code sha256sum}). This is the end-to-end check: it holds from the source to the restored
 *       file, through the vault;</li>
 *   <li>frame: every zstd frame carries the XXH64 of its uncompressed bytes ({@code zstd -t} checks a chunk without
 *       the manifest);</li>
 *   <li>block: {@code blockMd5s} of a chunk: MD5 of each {@code blockBytes} block of the chunk <em>file</em>
 *       (compressed bytes, at offsets 0, blockBytes, 2 x blockBytes, ...; the last block shorter): the Hash of each
 *       block in Azure's drive manifest, so the drive writer need not hash the chunk again, and what the drive
 *       read-back and the vault compare.</li>
 * </ul>
 * The manifest itself is covered by its {@code .sha256} file.
 *
 * <h2>Version 1</h2>
 * Still read and verified. It has {@code "hashes"} instead of {@code "checks"}, files always carry {@code "sha256"},
 * and each chunk also has {@code "md5"}, the MD5 of the whole chunk file (a blob's optional Content-MD5). Version 2
 * dropped that MD5: hashing every compressed byte twice cost more than the compression's margin over {@code zstd
 * -T0}, and the block MD5s already cover every byte.
 */
package io.seedship.stagingformat;
