package io.seedship.driveformat.ntfs;

import io.seedship.driveformat.volume.VolumeReader;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A read-mostly NTFS reader over any {@link VolumeReader} (a plain image or a BitLocker-decrypted view):
 * the files with their paths and cluster runs, the cluster bitmap, and file contents.
 *
 * <p>Not supported: compressed and EFS-encrypted $DATA (listed, but reading them throws
 * {@link NtfsException}), named data streams, reparse points (read as the plain files they are), and
 * the $UpCase table (case-insensitive lookup uses Java's upper-casing). The file list is scanned once
 * and cached; {@link NtfsRecordPatcher} keeps the cache up to date for the records it edits, other
 * writes to the volume are not seen (open it again). The listing methods are thread-safe; concurrent
 * {@link #readFile} calls are as safe as the {@link VolumeReader} is. Closing the VolumeReader is the
 * caller's business.
 */
public final class NtfsVolume {

    private static final Logger log = LoggerFactory.getLogger(NtfsVolume.class);

    private static final long ROOT_RECORD = 5;
    private static final long BITMAP_RECORD = 6;
    /** Bytes of $MFT read per I/O while scanning (a multiple of every legal record size). */
    private static final int SCAN_CHUNK = 1 << 20;
    /** NTFS caps an attribute list at 256 KiB; anything much larger is corruption. */
    private static final int MAX_ATTRIBUTE_LIST = 1 << 20;

    /** Where the attribute-list resolution gets records other than the base one from. */
    @FunctionalInterface
    private interface RecordSource {
        MftRecord record(long number) throws IOException;
    }

    /** An in-use base record with a name, before its path is known. */
    private record Node(long number, int sequence, boolean directory, FileName name, DataStream data) {
    }

    private final VolumeReader volume;
    private final BootSector boot;
    /** $MFT's own unnamed $DATA; during open() only the pieces found so far. */
    private DataStream mft;

    /** The scan's result; the patcher replaces entries in place (found through positionOf). */
    private NtfsFile[] listing;
    private Map<Long, Integer> positionOf;
    /** Immutable copy of listing handed out by files(); dropped when the listing changes. */
    private List<NtfsFile> snapshot;
    private Map<String, NtfsFile> byPath;
    private Map<String, NtfsFile> byFoldedPath;
    /** Records (from the last scan) whose $DATA cannot be read as a plain stream, with the reason. */
    private Map<Long, String> unsupported;

    private NtfsVolume(VolumeReader volume, BootSector boot) {
        this.volume = volume;
        this.boot = boot;
    }

    public static NtfsVolume open(VolumeReader volume) throws IOException {
        BootSector boot = BootSector.parse(volume.read(0, BootSector.SIZE));
        long volumeBytes = boot.totalSectors() * boot.bytesPerSector();
        if (volume.size() < volumeBytes) {
            throw new NtfsException("boot sector gives a volume of " + volumeBytes + " bytes, the device has only "
                    + volume.size());
        }
        NtfsVolume ntfs = new NtfsVolume(volume, boot);
        ntfs.loadMft();
        return ntfs;
    }

    public int bytesPerSector() {
        return boot.bytesPerSector();
    }

    public int clusterSize() {
        return boot.clusterSize();
    }

    public long totalClusters() {
        return boot.totalClusters();
    }

    public int mftRecordSize() {
        return boot.mftRecordSize();
    }

    public long volumeSerial() {
        return boot.serial();
    }

    /** $MFT's own runs (also part of {@link #allocatedClusters()}). */
    public List<Extent> mftExtents() {
        return mft.extents();
    }

    /** Number of record slots in $MFT (in use or not). */
    public long mftRecordCount() {
        return mft.dataSize() / boot.mftRecordSize();
    }

    /**
     * Every in-use base record that has a $FILE_NAME, in record-number order, with its full path. A file
     * with several hard links appears once, under its first non-DOS name.
     */
    public synchronized List<NtfsFile> files() throws IOException {
        if (listing == null) {
            scan();
        }
        if (snapshot == null) {
            snapshot = List.of(listing);
        }
        return snapshot;
    }

    /** The file at a Windows path ("\dir\name"; '/' also accepted): exact match first, then case-insensitive. */
    public synchronized Optional<NtfsFile> find(String windowsPath) throws IOException {
        files();
        String path = windowsPath.replace('/', '\\');
        NtfsFile exact = byPath.get(path);
        return exact != null ? Optional.of(exact) : Optional.ofNullable(byFoldedPath.get(fold(path)));
    }

    /** Bit i set = cluster i in use, from $Bitmap; bits past the last cluster are not set. */
    public BitSet allocatedClusters() throws IOException {
        long total = totalClusters();
        if (total > Integer.MAX_VALUE) {
            throw new NtfsException(total + " clusters do not fit a java.util.BitSet: use allocatedClusters(first, count)");
        }
        return allocatedClusters(0, (int) total);
    }

    /** Allocation bits of clusters {@code first .. first+count-1}: bit i of the result is cluster first+i. */
    public BitSet allocatedClusters(long first, int count) throws IOException {
        if (first < 0 || count < 0 || first + count > totalClusters()) {
            throw new IllegalArgumentException("clusters " + first + " + " + count + " outside 0.." + totalClusters());
        }
        DataStream bitmap = dataOf(BITMAP_RECORD);
        String reason = bitmap.unsupported();
        if (reason != null) {
            throw NtfsException.record(BITMAP_RECORD, "$Bitmap " + reason);
        }
        if (bitmap.dataSize() * 8 < totalClusters()) {
            throw NtfsException.record(BITMAP_RECORD, "$Bitmap holds " + bitmap.dataSize() * 8 + " bits for "
                    + totalClusters() + " clusters");
        }
        long firstByte = first / 8;
        int shift = (int) (first % 8);
        byte[] bits = new byte[(int) ((shift + (long) count + 7) / 8)];
        read(bitmap, BITMAP_RECORD, "$Bitmap", firstByte, ByteBuffer.wrap(bits));
        BitSet all = BitSet.valueOf(bits);
        return all.get(shift, shift + count);
    }

    /**
     * Reads {@code dst.remaining()} bytes of the file's unnamed $DATA from {@code offset}: bytes at or past
     * the initialized size and in sparse runs read as zeros; EOFException if the range passes the data size.
     */
    public void readFile(NtfsFile file, long offset, ByteBuffer dst) throws IOException {
        Objects.requireNonNull(file, "file");
        if (offset < 0) {
            throw new IllegalArgumentException("negative offset " + offset);
        }
        if (offset + dst.remaining() > file.dataSize()) {
            throw new EOFException(file.path() + ": reading " + dst.remaining() + " bytes at " + offset
                    + " passes the end of its " + file.dataSize() + " bytes");
        }
        if (!dst.hasRemaining()) {
            return;
        }
        String what = "$DATA of " + file.path();
        if (file.resident()) {
            DataStream data = dataOf(file.recordNumber());
            if (!data.resident() || data.dataSize() != file.dataSize()) {
                throw NtfsException.record(file.recordNumber(), what + " changed since it was listed");
            }
            read(data, file.recordNumber(), what, offset, dst);
            return;
        }
        String reason = unsupportedReason(file.recordNumber());
        if (reason != null) {
            throw NtfsException.record(file.recordNumber(), reason);
        }
        readRuns(file.extents(), file.initializedSize(), file.recordNumber(), what, offset, dst);
    }

    /** Absolute byte offset of an MFT record on the volume, through $MFT's runlist. */
    public long recordOffset(long recordNumber) throws IOException {
        int size = boot.mftRecordSize();
        if (recordNumber < 0 || recordNumber >= mftRecordCount()) {
            throw NtfsException.record(recordNumber, "not in $MFT (" + mftRecordCount() + " records)");
        }
        long first = physicalOffset(recordNumber * size, recordNumber);
        long last = physicalOffset(recordNumber * size + size - 1, recordNumber);
        if (last - first != size - 1) {
            throw NtfsException.record(recordNumber, "spans two discontiguous runs of $MFT");
        }
        return first;
    }

    // ---- package-private, for NtfsRecordPatcher

    /** The unnamed $DATA of a base record, put together through its attribute list. */
    DataStream dataOf(long recordNumber) throws IOException {
        MftRecord base = readRecord(recordNumber);
        if (base.baseRecord != 0) {
            throw NtfsException.record(recordNumber, "is an extension record of record " + base.baseRecord);
        }
        return DataStream.of(recordNumber, attributesOf(base, this::readRecord), Attribute.DATA, "", clusterSize(),
                totalClusters());
    }

    /** Keeps the cached listing in step after the patcher changed a file's initialized size. */
    synchronized void initializedSizeChanged(long recordNumber, long initializedSize) {
        Integer position = positionOf == null ? null : positionOf.get(recordNumber);
        if (position == null) {
            return;
        }
        NtfsFile f = listing[position];
        NtfsFile g = new NtfsFile(f.recordNumber(), f.path(), f.directory(), f.dataSize(), f.allocatedSize(),
                initializedSize, f.resident(), f.extents());
        listing[position] = g;
        byPath.computeIfPresent(g.path(), (k, old) -> old.recordNumber() == recordNumber ? g : old);
        byFoldedPath.computeIfPresent(fold(g.path()), (k, old) -> old.recordNumber() == recordNumber ? g : old);
        snapshot = null;
    }

    // ---- $MFT

    private void loadMft() throws IOException {
        int size = boot.mftRecordSize();
        // record 0 sits at the start of the first $MFT run, so it can be read before $MFT's runlist is known
        MftRecord record0 = MftRecord.parse(0, volume.read(boot.mftLcn() * boot.clusterSize(), size), 0, size);
        if (record0 == null || record0.baseRecord != 0) {
            throw NtfsException.record(0, "($MFT) is not an in-use base record at cluster " + boot.mftLcn());
        }
        Attribute list = find(record0.attributes, Attribute.ATTRIBUTE_LIST, "");
        if (list == null) {
            mft = DataStream.of(0, record0.attributes, Attribute.DATA, "", clusterSize(), totalClusters());
        } else {
            // $MFT's own extension records are read through the pieces of its runlist found so far
            List<Attribute> pieces = new ArrayList<>();
            Map<Long, MftRecord> seen = new HashMap<>();
            for (AttributeList.Entry e : attributeList(record0, list)) {
                if (e.type() != Attribute.DATA || !e.name().isEmpty()) {
                    continue;
                }
                Attribute piece = resolve(record0, e, seen, this::readRecord);
                pieces.add(piece);
                pieces.sort((a, b) -> Long.compare(a.lowestVcn(), b.lowestVcn()));
                mft = partialStream(pieces);
            }
            mft = DataStream.of(0, pieces, Attribute.DATA, "", clusterSize(), totalClusters());
        }
        if (mft.resident() || mft.unsupported() != null || mft.extents().isEmpty() || mft.extents().getFirst().lcn() != boot.mftLcn()) {
            throw NtfsException.record(0, "$MFT's $DATA does not start at the boot sector's cluster " + boot.mftLcn());
        }
    }

    private static DataStream partialStream(List<Attribute> pieces) {
        List<Extent> extents = new ArrayList<>();
        pieces.forEach(p -> extents.addAll(p.runs()));
        Attribute head = pieces.getFirst();
        return new DataStream(0, false, null, head.dataSize(), head.allocatedSize(), head.initializedSize(),
                head.flags(), extents);
    }

    /** One MFT record read through $MFT's runlist; must be in use. */
    private MftRecord readRecord(long number) throws IOException {
        int size = boot.mftRecordSize();
        if (mft == null) {
            throw NtfsException.record(number, "cannot be located: $MFT's first run is not in record 0");
        }
        if (number < 0 || (number + 1) * size > mft.dataSize()) {
            throw NtfsException.record(number, "not in $MFT (" + mft.dataSize() / size + " records)");
        }
        byte[] bytes = new byte[size];
        readRuns(mft.extents(), mft.initializedSize(), 0, "$MFT", number * size, ByteBuffer.wrap(bytes));
        MftRecord record = MftRecord.parse(number, bytes, 0, size);
        if (record == null) {
            throw NtfsException.record(number, "is not in use");
        }
        return record;
    }

    // ---- attributes and attribute lists

    private static Attribute find(List<Attribute> attributes, int type, String name) {
        for (Attribute a : attributes) {
            if (a.type() == type && a.name().equals(name)) {
                return a;
            }
        }
        return null;
    }

    /** All attributes of a file: the base record's, or, with an attribute list, those it points to. */
    private List<Attribute> attributesOf(MftRecord base, RecordSource source) throws IOException {
        Attribute list = find(base.attributes, Attribute.ATTRIBUTE_LIST, "");
        if (list == null) {
            return base.attributes;
        }
        List<Attribute> all = new ArrayList<>();
        Map<Long, MftRecord> seen = new HashMap<>();
        for (AttributeList.Entry e : attributeList(base, list)) {
            all.add(resolve(base, e, seen, source));
        }
        return all;
    }

    private List<AttributeList.Entry> attributeList(MftRecord base, Attribute list) throws IOException {
        byte[] value;
        if (!list.nonResident()) {
            value = list.value();
        } else {
            DataStream s = DataStream.of(base.number, List.of(list), Attribute.ATTRIBUTE_LIST, "", clusterSize(),
                    totalClusters());
            if (s.dataSize() > MAX_ATTRIBUTE_LIST) {
                throw NtfsException.record(base.number, "$ATTRIBUTE_LIST of " + s.dataSize() + " bytes");
            }
            value = new byte[(int) s.dataSize()];
            read(s, base.number, "$ATTRIBUTE_LIST", 0, ByteBuffer.wrap(value));
        }
        return AttributeList.parse(value, base.number);
    }

    /** The attribute record an attribute-list entry points to, checking the extension record belongs to base. */
    private static Attribute resolve(MftRecord base, AttributeList.Entry e, Map<Long, MftRecord> seen,
            RecordSource source) throws IOException {
        MftRecord holder = base;
        if (e.recordNumber() != base.number) {
            holder = seen.get(e.recordNumber());
            if (holder == null) {
                holder = source.record(e.recordNumber());
                seen.put(e.recordNumber(), holder);
            }
            if (holder.baseRecord != base.number) {
                throw NtfsException.record(base.number, "attribute list points to record " + e.recordNumber()
                        + ", which belongs to record " + holder.baseRecord);
            }
        }
        if (e.sequence() != 0 && e.sequence() != holder.sequence) {
            throw NtfsException.record(base.number, "attribute list points to record " + e.recordNumber()
                    + " with sequence " + e.sequence() + ", the record has " + holder.sequence);
        }
        Attribute byKey = null;
        for (Attribute a : holder.attributes) {
            boolean sameKey = a.type() == e.type() && a.name().equals(e.name())
                    && (a.nonResident() ? a.lowestVcn() == e.lowestVcn() : e.lowestVcn() == 0);
            if (sameKey && a.instance() == e.instance()) {
                return a;
            }
            if (sameKey && byKey == null) {
                byKey = a;
            }
        }
        if (byKey == null) {
            throw NtfsException.record(base.number, "attribute list names " + DataStream.describe(e.type(), e.name())
                    + " at VCN " + e.lowestVcn() + " in record " + e.recordNumber() + ", which does not hold it");
        }
        return byKey;
    }

    // ---- scan

    private void scan() throws IOException {
        long started = System.nanoTime();
        int size = boot.mftRecordSize();
        long count = mftRecordCount();
        int perChunk = SCAN_CHUNK / size;
        byte[] chunk = new byte[perChunk * size];
        Map<Long, Node> nodes = new TreeMap<>();
        Map<Long, MftRecord> extensions = new HashMap<>();
        List<MftRecord> withLists = new ArrayList<>();
        Map<Long, String> reasons = new HashMap<>();
        for (long first = 0; first < count; first += perChunk) {
            int n = (int) Math.min(perChunk, count - first);
            readRuns(mft.extents(), mft.initializedSize(), 0, "$MFT", first * size, ByteBuffer.wrap(chunk, 0, n * size));
            for (int i = 0; i < n; i++) {
                MftRecord record = MftRecord.parse(first + i, chunk, i * size, size);
                if (record == null) {
                    continue;
                }
                if (record.baseRecord != 0) {
                    extensions.put(record.number, record);
                } else if (find(record.attributes, Attribute.ATTRIBUTE_LIST, "") != null) {
                    withLists.add(record); // its extension records may come later in $MFT
                } else {
                    addNode(nodes, reasons, record, record.attributes);
                }
            }
        }
        for (MftRecord record : withLists) {
            RecordSource source = number -> {
                MftRecord extension = extensions.get(number);
                return extension != null ? extension : readRecord(number);
            };
            addNode(nodes, reasons, record, attributesOf(record, source));
        }
        List<NtfsFile> list = new ArrayList<>(nodes.size());
        Map<Long, Integer> positions = new HashMap<>();
        Map<String, NtfsFile> exact = new HashMap<>();
        Map<String, NtfsFile> folded = new HashMap<>();
        Map<Long, String> paths = new HashMap<>();
        for (Node node : nodes.values()) {
            String path = pathOf(node, nodes, paths);
            DataStream d = node.data();
            NtfsFile file = new NtfsFile(node.number(), path, node.directory(), d.dataSize(), d.allocatedSize(),
                    d.initializedSize(), d.resident(), d.extents());
            positions.put(file.recordNumber(), list.size());
            list.add(file);
            exact.putIfAbsent(path, file);
            folded.putIfAbsent(fold(path), file);
        }
        listing = list.toArray(new NtfsFile[0]);
        positionOf = positions;
        snapshot = null;
        byPath = exact;
        byFoldedPath = folded;
        unsupported = reasons;
        log.debug("scanned {} MFT records ({} files) in {} ms", count, list.size(), (System.nanoTime() - started) / 1_000_000);
    }

    private void addNode(Map<Long, Node> nodes, Map<Long, String> reasons, MftRecord base, List<Attribute> attributes)
            throws NtfsException {
        FileName chosen = null;
        for (Attribute a : attributes) {
            if (a.type() == Attribute.FILE_NAME) {
                FileName name = FileName.parse(a);
                if (chosen == null || chosen.namespace() == FileName.DOS && name.namespace() != FileName.DOS) {
                    chosen = name;
                }
            }
        }
        if (chosen == null) {
            return;
        }
        DataStream data = DataStream.of(base.number, attributes, Attribute.DATA, "", clusterSize(), totalClusters());
        String reason = data.unsupported();
        if (reason != null) {
            reasons.put(base.number, reason);
        }
        // resident values are re-read on demand: not kept for every file of the volume
        DataStream kept = data.resident() ? new DataStream(data.headRecord(), true, null, data.dataSize(),
                data.allocatedSize(), data.initializedSize(), data.flags(), List.of()) : data;
        nodes.put(base.number, new Node(base.number, base.sequence, base.directory(), chosen, kept));
    }

    private static String pathOf(Node node, Map<Long, Node> nodes, Map<Long, String> paths) throws NtfsException {
        Deque<Node> chain = new ArrayDeque<>();
        Set<Long> onChain = new HashSet<>();
        String prefix;
        Node current = node;
        while (true) {
            if (current.number() == ROOT_RECORD) {
                prefix = "\\";
                break;
            }
            String known = paths.get(current.number());
            if (known != null) {
                prefix = known;
                break;
            }
            if (!onChain.add(current.number())) {
                throw NtfsException.record(node.number(), "parent references loop through record " + current.number());
            }
            chain.push(current);
            FileName name = current.name();
            Node parent = nodes.get(name.parentRecord());
            if (parent == null || !parent.directory()) {
                throw NtfsException.record(current.number(), "parent record " + name.parentRecord()
                        + " is not an in-use directory with a name");
            }
            if (name.parentSequence() != 0 && name.parentSequence() != parent.sequence()) {
                throw NtfsException.record(current.number(), "parent reference has sequence " + name.parentSequence()
                        + ", record " + parent.number() + " has " + parent.sequence() + " (parent was deleted)");
            }
            current = parent;
        }
        if (node.number() == ROOT_RECORD) {
            paths.put(ROOT_RECORD, prefix);
            return prefix;
        }
        String path = prefix;
        while (!chain.isEmpty()) {
            Node n = chain.pop();
            path = (path.equals("\\") ? "\\" : path + "\\") + n.name().name();
            paths.put(n.number(), path);
        }
        return path;
    }

    private static String fold(String path) {
        return path.toUpperCase(Locale.ROOT);
    }

    private synchronized String unsupportedReason(long recordNumber) throws IOException {
        if (unsupported != null) {
            return unsupported.get(recordNumber);
        }
        return dataOf(recordNumber).unsupported();
    }

    // ---- reading streams

    private void read(DataStream s, long recordNumber, String what, long offset, ByteBuffer dst) throws IOException {
        if (offset + dst.remaining() > s.dataSize()) {
            throw new EOFException("MFT record " + recordNumber + ": reading " + what + " past its " + s.dataSize() + " bytes");
        }
        if (s.resident()) {
            dst.put(s.value(), (int) offset, dst.remaining());
        } else {
            readRuns(s.extents(), s.initializedSize(), recordNumber, what, offset, dst);
        }
    }

    /** Stream bytes through a runlist: zeros in sparse runs and at/after the initialized size. */
    private void readRuns(List<Extent> extents, long initializedSize, long recordNumber, String what, long offset,
            ByteBuffer dst) throws IOException {
        long cs = clusterSize();
        long pos = offset;
        while (dst.hasRemaining()) {
            if (pos >= initializedSize) {
                zero(dst, dst.remaining());
                return;
            }
            int index = extentIndex(extents, pos / cs);
            if (index < 0) {
                throw NtfsException.record(recordNumber, what + ": VCN " + pos / cs + " is not mapped by its runlist");
            }
            Extent e = extents.get(index);
            long end = Math.min((e.vcn() + e.clusters()) * cs, initializedSize);
            int n = (int) Math.min(dst.remaining(), end - pos);
            if (e.sparse()) {
                zero(dst, n);
            } else {
                volume.read(e.lcn() * cs + (pos - e.vcn() * cs), dst.slice(dst.position(), n));
                dst.position(dst.position() + n);
            }
            pos += n;
        }
    }

    /** Index of the extent holding {@code vcn}, or -1 (extents are in VCN order). */
    private static int extentIndex(List<Extent> extents, long vcn) {
        int lo = 0;
        int hi = extents.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            Extent e = extents.get(mid);
            if (vcn < e.vcn()) {
                hi = mid - 1;
            } else if (vcn >= e.vcn() + e.clusters()) {
                lo = mid + 1;
            } else {
                return mid;
            }
        }
        return -1;
    }

    private long physicalOffset(long mftOffset, long recordNumber) throws NtfsException {
        long cs = clusterSize();
        int index = extentIndex(mft.extents(), mftOffset / cs);
        if (index < 0 || mft.extents().get(index).sparse()) {
            throw NtfsException.record(recordNumber, "$MFT has no cluster for byte " + mftOffset + " of it");
        }
        Extent e = mft.extents().get(index);
        return e.lcn() * cs + (mftOffset - e.vcn() * cs);
    }

    private static final byte[] ZEROS = new byte[64 * 1024];

    private static void zero(ByteBuffer dst, int n) {
        if (dst.hasArray()) {
            int at = dst.arrayOffset() + dst.position();
            Arrays.fill(dst.array(), at, at + n, (byte) 0);
            dst.position(dst.position() + n);
            return;
        }
        for (int left = n; left > 0; ) {
            int k = Math.min(left, ZEROS.length);
            dst.put(ZEROS, 0, k);
            left -= k;
        }
    }
}
