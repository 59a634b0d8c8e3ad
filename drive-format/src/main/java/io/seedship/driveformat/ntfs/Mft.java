package io.seedship.driveformat.ntfs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** $MFT: finding, reading and parsing MFT records, and putting a file's attributes together. */
final class Mft {

    /** Bytes of $MFT read per I/O while scanning (a multiple of every legal record size). */
    private static final int SCAN_CHUNK = 1 << 20;
    /** NTFS caps an attribute list at 256 KiB; anything much larger is corruption. */
    private static final int MAX_ATTRIBUTE_LIST = 1 << 20;

    /** Where attribute-list resolution gets records other than the base one from. */
    @FunctionalInterface
    interface RecordSource {
        MftRecord record(long number) throws IOException;
    }

    @FunctionalInterface
    interface RecordVisitor {
        void visit(MftRecord record) throws IOException;
    }

    private final BootSector boot;
    private final StreamReader streams;
    /** $MFT's own unnamed $DATA; while loading, only the pieces found so far. */
    private DataStream data;

    private Mft(BootSector boot, StreamReader streams) {
        this.boot = boot;
        this.streams = streams;
    }

    /** Reads $MFT's runlist from record 0, following its attribute list if it has one. */
    static Mft load(BootSector boot, StreamReader streams, byte[] record0Bytes) throws IOException {
        Mft mft = new Mft(boot, streams);
        MftRecord record0 = MftRecord.parse(0, record0Bytes, 0, boot.mftRecordSize());
        if (record0 == null || record0.baseRecord != 0) {
            throw NtfsException.record(0, "($MFT) is not an in-use base record at cluster " + boot.mftLcn());
        }
        Attribute list = find(record0.attributes, Attribute.ATTRIBUTE_LIST, "");
        if (list == null) {
            mft.data = mft.stream(0, record0.attributes, Attribute.DATA);
        } else {
            // $MFT's extension records are read through the pieces of its runlist found so far
            List<Attribute> pieces = new ArrayList<>();
            Map<Long, MftRecord> seen = new HashMap<>();
            for (AttributeList.Entry e : mft.attributeList(record0, list)) {
                if (e.type() == Attribute.DATA && e.name().isEmpty()) {
                    pieces.add(resolve(record0, e, seen, mft::read));
                    pieces.sort(Comparator.comparingLong(Attribute::lowestVcn));
                    mft.data = partialStream(pieces);
                }
            }
            mft.data = mft.stream(0, pieces, Attribute.DATA);
        }
        DataStream d = mft.data;
        if (d.resident() || d.unsupported() != null || d.extents().isEmpty()
                || d.extents().getFirst().lcn() != boot.mftLcn()) {
            throw NtfsException.record(0, "$MFT's $DATA does not start at the boot sector's cluster " + boot.mftLcn());
        }
        return mft;
    }

    private static DataStream partialStream(List<Attribute> pieces) {
        List<Extent> extents = new ArrayList<>();
        pieces.forEach(p -> extents.addAll(p.runs()));
        Attribute head = pieces.getFirst();
        return new DataStream(0, false, null, head.dataSize(), head.allocatedSize(), head.initializedSize(),
                head.flags(), extents);
    }

    DataStream data() {
        return data;
    }

    long recordCount() {
        return data.dataSize() / boot.mftRecordSize();
    }

    /** One MFT record read through $MFT's runlist; must be in use. */
    MftRecord read(long number) throws IOException {
        int size = boot.mftRecordSize();
        if (data == null) {
            throw NtfsException.record(number, "cannot be located: $MFT's first run is not in record 0");
        }
        if (number < 0 || (number + 1) * size > data.dataSize()) {
            throw NtfsException.record(number, "not in $MFT (" + data.dataSize() / size + " records)");
        }
        byte[] bytes = new byte[size];
        streams.readRuns(data.extents(), data.initializedSize(), 0, "$MFT", number * size, ByteBuffer.wrap(bytes));
        MftRecord record = MftRecord.parse(number, bytes, 0, size);
        if (record == null) {
            throw NtfsException.record(number, "is not in use");
        }
        return record;
    }

    /** Every in-use record, in record-number order, reading $MFT in big chunks. */
    void scan(RecordVisitor visitor) throws IOException {
        int size = boot.mftRecordSize();
        long count = recordCount();
        int perChunk = SCAN_CHUNK / size;
        byte[] chunk = new byte[perChunk * size];
        for (long first = 0; first < count; first += perChunk) {
            int n = (int) Math.min(perChunk, count - first);
            streams.readRuns(data.extents(), data.initializedSize(), 0, "$MFT", first * size,
                    ByteBuffer.wrap(chunk, 0, n * size));
            for (int i = 0; i < n; i++) {
                MftRecord record = MftRecord.parse(first + i, chunk, i * size, size);
                if (record != null) {
                    visitor.visit(record);
                }
            }
        }
    }

    /** Absolute byte offset of a record on the volume; the record must lie in one piece. */
    long recordOffset(long number) throws NtfsException {
        int size = boot.mftRecordSize();
        if (number < 0 || number >= recordCount()) {
            throw NtfsException.record(number, "not in $MFT (" + recordCount() + " records)");
        }
        long first = physicalOffset(number * size, number);
        long last = physicalOffset(number * size + size - 1, number);
        if (last - first != size - 1) {
            throw NtfsException.record(number, "spans two discontiguous runs of $MFT");
        }
        return first;
    }

    private long physicalOffset(long mftOffset, long number) throws NtfsException {
        long cs = boot.clusterSize();
        int index = StreamReader.extentIndex(data.extents(), mftOffset / cs);
        if (index < 0 || data.extents().get(index).sparse()) {
            throw NtfsException.record(number, "$MFT has no cluster for its byte " + mftOffset);
        }
        Extent e = data.extents().get(index);
        return e.lcn() * cs + (mftOffset - e.vcn() * cs);
    }

    /** The unnamed $DATA of a base record, put together through its attribute list. */
    DataStream dataOf(long number) throws IOException {
        MftRecord base = read(number);
        if (base.baseRecord != 0) {
            throw NtfsException.record(number, "is an extension record of record " + base.baseRecord);
        }
        return stream(number, attributesOf(base, this::read), Attribute.DATA);
    }

    /** The unnamed stream of {@code type} among a file's attributes. */
    DataStream stream(long baseRecord, List<Attribute> attributes, int type) throws NtfsException {
        return DataStream.of(baseRecord, attributes, type, "", boot.clusterSize(), boot.totalClusters());
    }

    static Attribute find(List<Attribute> attributes, int type, String name) {
        for (Attribute a : attributes) {
            if (a.type() == type && a.name().equals(name)) {
                return a;
            }
        }
        return null;
    }

    /** All attributes of a file: the base record's, or, with an attribute list, those it points to. */
    List<Attribute> attributesOf(MftRecord base, RecordSource source) throws IOException {
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
            DataStream s = stream(base.number, List.of(list), Attribute.ATTRIBUTE_LIST);
            if (s.dataSize() > MAX_ATTRIBUTE_LIST) {
                throw NtfsException.record(base.number, "$ATTRIBUTE_LIST of " + s.dataSize() + " bytes");
            }
            value = new byte[(int) s.dataSize()];
            streams.read(s, base.number, "$ATTRIBUTE_LIST", 0, ByteBuffer.wrap(value));
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
        // the instance number tells apart attributes with the same type and name (hard links' $FILE_NAMEs)
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
}
