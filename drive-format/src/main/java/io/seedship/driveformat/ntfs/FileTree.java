package io.seedship.driveformat.ntfs;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** One pass over $MFT: every named base record as an NtfsFile with its full path. */
final class FileTree {

    static final long ROOT_RECORD = 5;

    /**
     * @param files in record-number order
     * @param unsupported records whose $DATA cannot be read as a plain stream, with the reason
     */
    record Listing(List<NtfsFile> files, Map<Long, String> unsupported) {
    }

    /** An in-use base record with a name, before its path is known. */
    private record Node(long number, int sequence, boolean directory, FileName name, DataStream data) {
    }

    private final Mft mft;
    private final Map<Long, Node> nodes = new TreeMap<>();
    private final Map<Long, String> unsupported = new HashMap<>();
    private final Map<Long, String> paths = new HashMap<>();

    private FileTree(Mft mft) {
        this.mft = mft;
    }

    static Listing scan(Mft mft) throws IOException {
        return new FileTree(mft).build();
    }

    private Listing build() throws IOException {
        Map<Long, MftRecord> extensions = new HashMap<>();
        List<MftRecord> withLists = new ArrayList<>();
        mft.scan(record -> {
            if (record.baseRecord != 0) {
                extensions.put(record.number, record);
            } else if (Mft.find(record.attributes, Attribute.ATTRIBUTE_LIST, "") != null) {
                withLists.add(record); // its extension records may come later in $MFT
            } else {
                add(record, record.attributes);
            }
        });
        Mft.RecordSource source = number -> {
            MftRecord extension = extensions.get(number);
            return extension != null ? extension : mft.read(number);
        };
        for (MftRecord record : withLists) {
            add(record, mft.attributesOf(record, source));
        }
        List<NtfsFile> files = new ArrayList<>(nodes.size());
        for (Node node : nodes.values()) {
            DataStream d = node.data();
            files.add(new NtfsFile(node.number(), pathOf(node), node.directory(), d.dataSize(), d.allocatedSize(),
                    d.initializedSize(), d.resident(), d.extents()));
        }
        return new Listing(files, unsupported);
    }

    private void add(MftRecord base, List<Attribute> attributes) throws NtfsException {
        // prefer the Win32 or POSIX name; a DOS 8.3 name only when there is nothing else
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
        DataStream data = mft.stream(base.number, attributes, Attribute.DATA);
        String reason = data.unsupported();
        if (reason != null) {
            unsupported.put(base.number, reason);
        }
        // resident values are re-read on demand rather than kept for every file of the volume
        DataStream kept = data.resident() ? new DataStream(data.headRecord(), true, null, data.dataSize(),
                data.allocatedSize(), data.initializedSize(), data.flags(), List.of()) : data;
        nodes.put(base.number, new Node(base.number, base.sequence, base.directory(), chosen, kept));
    }

    private String pathOf(Node node) throws NtfsException {
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
                        + ", record " + parent.number() + " has " + parent.sequence() + " (the parent was deleted)");
            }
            current = parent;
        }
        String path = prefix;
        while (!chain.isEmpty()) {
            Node n = chain.pop();
            path = (path.equals("\\") ? "\\" : path + "\\") + n.name().name();
            paths.put(n.number(), path);
        }
        return path;
    }
}
