package io.seedship.stagingformat;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import java.io.IOException;
import java.io.OutputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;

/**
 * Writes a manifest as a stream: the header, then each chunk, then each entry, never holding a list in memory.
 * Call {@link #header}, then {@link #chunk} for every chunk, then {@link #entry} for every entry, then
 * {@link #finish}, which returns the SHA-256 of the bytes written.
 */
public final class ManifestWriter {

    private enum State { NEW, HEADER, CHUNKS, ENTRIES, DONE }

    private final MessageDigest sha = StagingManifest.sha256();
    private final OutputStream out;
    private final JsonGenerator g;
    private State state = State.NEW;

    public ManifestWriter(OutputStream target) throws IOException {
        this.out = new DigestOutputStream(target, sha);
        this.g = StagingManifest.JSON.createGenerator(out);
        g.setPrettyPrinter(new OneRecordPerLine());
    }

    public void header(ManifestHeader h) throws IOException {
        require(State.NEW, "header");
        g.writeStartObject();
        g.writeStringField("format", StagingManifest.FORMAT);
        g.writeNumberField("formatVersion", h.formatVersion());
        g.writeObjectFieldStart("source");
        g.writeStringField("description", h.source());
        g.writeEndObject();
        g.writeObjectFieldStart("options");
        g.writeNumberField("chunkTargetBytes", h.chunkTargetBytes());
        g.writeStringField("compression", "zstd");
        g.writeNumberField("zstdLevel", h.zstdLevel());
        g.writeNumberField("blockBytes", h.blockBytes());
        g.writeEndObject();
        if (h.formatVersion() == 1) {
            g.writeObjectFieldStart("hashes");
            g.writeStringField("file", "SHA-256 of the file's bytes, lowercase hex");
            g.writeStringField("chunk", "MD5 of the whole chunk file (Content-MD5 in Base16), lowercase hex");
            g.writeStringField("block", "MD5 of each blockBytes block of the chunk file, lowercase hex");
            g.writeEndObject();
        } else {
            writeChecks(h.fileHash());
        }
        ManifestTotals t = h.totals();
        g.writeObjectFieldStart("totals");
        g.writeNumberField("entries", t.entries());
        g.writeNumberField("files", t.files());
        g.writeNumberField("directories", t.directories());
        g.writeNumberField("symlinks", t.symlinks());
        g.writeNumberField("skipped", t.skipped());
        g.writeNumberField("sourceBytes", t.sourceBytes());
        g.writeNumberField("stagedBytes", t.stagedBytes());
        g.writeNumberField("chunks", t.chunks());
        g.writeEndObject();
        state = State.HEADER;
    }

    /** Which check covers what: the restorer, verify and the vault check all three. */
    private void writeChecks(FileHash fileHash) throws IOException {
        g.writeObjectFieldStart("checks");
        check("file", fileHash.field, fileHash.rule + ", in each file entry's \"" + fileHash.field + "\"");
        check("frame", "xxh64", "every zstd frame ends with the XXH64 of its uncompressed bytes (its content"
                + " checksum), which zstd -d, zstd -t and the restorer check");
        check("block", "md5", "MD5 of each blockBytes block of the chunk file (compressed bytes), lowercase hex, in"
                + " each chunk's \"blockMd5s\": the Hash of each block in Azure's drive manifest");
        g.writeEndObject();
    }

    private void check(String name, String hash, String covers) throws IOException {
        g.writeObjectFieldStart(name);
        g.writeStringField("hash", hash);
        g.writeStringField("covers", covers);
        g.writeEndObject();
    }

    public void chunk(ManifestChunk c) throws IOException {
        if (state == State.HEADER) {
            g.writeArrayFieldStart("chunks");
            state = State.CHUNKS;
        }
        require(State.CHUNKS, "chunk");
        g.writeStartObject();
        g.writeNumberField("chunk", c.number());
        g.writeStringField("name", c.name());
        g.writeNumberField("size", c.size());
        if (c.md5() != null) {
            g.writeStringField("md5", c.md5());
        }
        g.writeNumberField("streamOffset", c.streamOffset());
        g.writeNumberField("streamLength", c.streamLength());
        g.writeArrayFieldStart("blockMd5s");
        for (String md5 : c.blockMd5s()) {
            g.writeString(md5);
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    public void entry(ManifestEntry e) throws IOException {
        startEntries();
        e.write(g);
    }

    /** Ends the document and returns the SHA-256 (lowercase hex) of everything written. */
    public String finish() throws IOException {
        startEntries();
        g.writeEndArray();
        g.writeEndObject();
        g.writeRaw('\n');
        g.flush();
        out.flush();
        state = State.DONE;
        return Hex.of(sha.digest());
    }

    private void startEntries() throws IOException {
        if (state == State.HEADER) {
            g.writeArrayFieldStart("chunks");
            state = State.CHUNKS;
        }
        if (state == State.CHUNKS) {
            g.writeEndArray();
            g.writeArrayFieldStart("entries");
            state = State.ENTRIES;
        }
        require(State.ENTRIES, "entry");
    }

    private void require(State expected, String what) {
        if (state != expected) {
            throw new IllegalStateException("manifest " + what + " written in state " + state + ", expected " + expected);
        }
    }

    /** Header fields and list records one per line; everything inside a record compact. */
    private static final class OneRecordPerLine extends MinimalPrettyPrinter {

        private static int depth(JsonGenerator g) {
            int depth = 0;
            for (JsonStreamContext c = g.getOutputContext(); c != null && !c.inRoot(); c = c.getParent()) {
                depth++;
            }
            return depth;
        }

        @Override
        public void beforeObjectEntries(JsonGenerator g) throws IOException {
            if (depth(g) == 1) {
                g.writeRaw("\n  ");
            }
        }

        @Override
        public void writeObjectEntrySeparator(JsonGenerator g) throws IOException {
            g.writeRaw(depth(g) == 1 ? ",\n  " : ",");
        }

        @Override
        public void writeEndObject(JsonGenerator g, int entries) throws IOException {
            g.writeRaw(depth(g) == 1 && entries > 0 ? "\n}" : "}");
        }

        @Override
        public void beforeArrayValues(JsonGenerator g) throws IOException {
            if (depth(g) == 2) {
                g.writeRaw("\n    ");
            }
        }

        @Override
        public void writeArrayValueSeparator(JsonGenerator g) throws IOException {
            g.writeRaw(depth(g) == 2 ? ",\n    " : ",");
        }

        @Override
        public void writeEndArray(JsonGenerator g, int values) throws IOException {
            g.writeRaw(depth(g) == 2 && values > 0 ? "\n  ]" : "]");
        }
    }
}
