package io.seedship.stagingformat;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * One entry of the manifest: a source entry plus where its bytes went.
 *
 * @param digest       the hash of a file's bytes (null for other kinds, or with hashing disabled)
 * @param streamOffset where a file's first byte sits in the stream of all chunks (0 for other kinds)
 * @param segments     the runs of a file's bytes per chunk, in order; empty for empty files and other kinds
 */
public record ManifestEntry(String path, EntryKind kind, long size, String mode, Instant mtime, FileDigest digest,
                            long streamOffset, List<Segment> segments, String linkTarget, String skipReason) {

    public ManifestEntry {
        segments = List.copyOf(segments);
    }

    public static ManifestEntry of(SourceEntry e, FileDigest digest, long streamOffset) {
        return new ManifestEntry(e.path(), e.kind(), e.size(), e.mode(), e.mtime(), digest, streamOffset, List.of(),
                e.linkTarget(), e.skipReason());
    }

    public ManifestEntry withSegments(List<Segment> segments) {
        return new ManifestEntry(path, kind, size, mode, mtime, digest, streamOffset, segments, linkTarget, skipReason);
    }

    public SourceEntry toSourceEntry() {
        return new SourceEntry(path, kind, size, mode, mtime, linkTarget, skipReason);
    }

    /** Writes the entry as one JSON object; segments only when there are any. */
    public void write(JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeStringField("path", path);
        g.writeStringField("kind", kind.name());
        if (kind == EntryKind.FILE) {
            g.writeNumberField("size", size);
        }
        if (mode != null) {
            g.writeStringField("mode", mode);
        }
        g.writeStringField("mtime", mtime.toString());
        if (linkTarget != null) {
            g.writeStringField("target", linkTarget);
        }
        if (skipReason != null) {
            g.writeStringField("skipped", skipReason);
        }
        if (kind == EntryKind.FILE) {
            if (digest != null) {
                g.writeStringField(digest.hash().field, digest.hex());
            }
            g.writeNumberField("streamOffset", streamOffset);
            if (!segments.isEmpty()) {
                g.writeArrayFieldStart("segments");
                for (Segment s : segments) {
                    g.writeStartObject();
                    g.writeNumberField("chunk", s.chunk());
                    g.writeNumberField("offset", s.offset());
                    g.writeNumberField("length", s.length());
                    g.writeEndObject();
                }
                g.writeEndArray();
            }
        }
        g.writeEndObject();
    }

    /** Reads one entry object; the parser stands on its START_OBJECT and is left on its END_OBJECT. */
    public static ManifestEntry read(JsonParser p) throws IOException {
        expect(p, p.currentToken(), JsonToken.START_OBJECT);
        String path = null;
        EntryKind kind = null;
        long size = 0;
        String mode = null;
        Instant mtime = null;
        FileDigest digest = null;
        long streamOffset = 0;
        List<Segment> segments = List.of();
        String target = null;
        String skipped = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            switch (field) {
                case "path" -> path = p.getValueAsString();
                case "kind" -> kind = kind(p);
                case "size" -> size = p.getLongValue();
                case "mode" -> mode = p.getValueAsString();
                case "mtime" -> mtime = instant(p);
                case "sha256", "xxh128" -> digest = new FileDigest(FileHash.ofField(field), p.getValueAsString());
                case "streamOffset" -> streamOffset = p.getLongValue();
                case "target" -> target = p.getValueAsString();
                case "skipped" -> skipped = p.getValueAsString();
                case "segments" -> segments = segments(p);
                default -> p.skipChildren();
            }
        }
        if (path == null || kind == null || mtime == null) {
            throw new ManifestException("manifest entry near " + p.currentLocation() + " lacks path, kind or mtime");
        }
        try {
            new SourceEntry(path, kind, size, mode, mtime, target, skipped);
        } catch (IllegalArgumentException e) {
            throw new ManifestException("manifest entry " + path + " is not valid: " + e.getMessage(), e);
        }
        return new ManifestEntry(path, kind, size, mode, mtime, digest, streamOffset, segments, target, skipped);
    }

    private static List<Segment> segments(JsonParser p) throws IOException {
        expect(p, p.currentToken(), JsonToken.START_ARRAY);
        List<Segment> list = new ArrayList<>();
        while (p.nextToken() == JsonToken.START_OBJECT) {
            int chunk = 0;
            long offset = 0;
            long length = 0;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                switch (field) {
                    case "chunk" -> chunk = p.getIntValue();
                    case "offset" -> offset = p.getLongValue();
                    case "length" -> length = p.getLongValue();
                    default -> p.skipChildren();
                }
            }
            list.add(new Segment(chunk, offset, length));
        }
        return list;
    }

    private static EntryKind kind(JsonParser p) throws IOException {
        try {
            return EntryKind.valueOf(p.getValueAsString());
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new ManifestException("unknown entry kind '" + p.getValueAsString() + "' at " + p.currentLocation());
        }
    }

    private static Instant instant(JsonParser p) throws IOException {
        try {
            return Instant.parse(p.getValueAsString());
        } catch (DateTimeParseException | NullPointerException e) {
            throw new ManifestException("bad mtime '" + p.getValueAsString() + "' at " + p.currentLocation());
        }
    }

    static void expect(JsonParser p, JsonToken actual, JsonToken expected) throws ManifestException {
        if (actual != expected) {
            throw new ManifestException("expected " + expected + " but found " + actual + " at " + p.currentLocation());
        }
    }
}
