package io.seedship.stagingformat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Streams a manifest back: the header, and the chunk and entry lists each through its own cursor (its own parser over
 * the file), so a reader can walk both lists side by side without holding either.
 */
public final class ManifestReader {

    private ManifestReader() {
    }

    public static ManifestHeader readHeader(Path manifest) throws IOException {
        try (InputStream in = open(manifest); JsonParser p = StagingManifest.JSON.createParser(in)) {
            ManifestEntry.expect(p, p.nextToken(), JsonToken.START_OBJECT);
            String format = null;
            int version = 0;
            String source = null;
            long chunkTarget = 0;
            int level = 0;
            int blockBytes = 0;
            String fileHashName = null;
            ManifestTotals totals = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                if (field.equals("chunks") || field.equals("entries")) {
                    break; // the header fields come first: the lists need not be read
                }
                p.nextToken();
                switch (field) {
                    case "format" -> format = p.getValueAsString();
                    case "formatVersion" -> version = p.getIntValue();
                    case "source" -> source = stringField(p, "description");
                    case "options" -> {
                        while (p.nextToken() == JsonToken.FIELD_NAME) {
                            String option = p.currentName();
                            p.nextToken();
                            switch (option) {
                                case "chunkTargetBytes" -> chunkTarget = p.getLongValue();
                                case "zstdLevel" -> level = p.getIntValue();
                                case "blockBytes" -> blockBytes = p.getIntValue();
                                default -> p.skipChildren();
                            }
                        }
                    }
                    case "totals" -> totals = totals(p);
                    case "checks" -> {
                        while (p.nextToken() == JsonToken.FIELD_NAME) {
                            String check = p.currentName();
                            p.nextToken();
                            if (check.equals("file")) {
                                fileHashName = stringField(p, "hash");
                            } else {
                                p.skipChildren();
                            }
                        }
                    }
                    default -> p.skipChildren();
                }
            }
            if (!StagingManifest.FORMAT.equals(format)) {
                throw new ManifestException(manifest + " is not a staging manifest (format '" + format + "')");
            }
            if (version < StagingManifest.FIRST_FORMAT_VERSION || version > StagingManifest.FORMAT_VERSION) {
                throw new ManifestException(manifest + " has format version " + version + "; this reader knows "
                        + StagingManifest.FIRST_FORMAT_VERSION + " to " + StagingManifest.FORMAT_VERSION);
            }
            if (source == null || totals == null || blockBytes <= 0) {
                throw new ManifestException(manifest + " lacks its source, options or totals");
            }
            FileHash fileHash = version == 1 ? FileHash.SHA_256 : FileHash.ofField(fileHashName);
            if (fileHash == null) {
                throw new ManifestException(manifest + ": checks.file.hash '" + fileHashName + "' is not a file hash"
                        + " this reader knows (" + FileHash.SHA_256.field + ", " + FileHash.XXH3_128.field + ")");
            }
            return new ManifestHeader(version, source, chunkTarget, level, blockBytes, fileHash, totals);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new ManifestException(manifest + " is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    public static ManifestCursor<ManifestChunk> chunks(Path manifest) throws IOException {
        return new ListCursor<>(manifest, "chunks") {
            @Override
            ManifestChunk read(JsonParser p) throws IOException {
                return chunk(p);
            }
        };
    }

    public static ManifestCursor<ManifestEntry> entries(Path manifest) throws IOException {
        return new ListCursor<>(manifest, "entries") {
            @Override
            ManifestEntry read(JsonParser p) throws IOException {
                return ManifestEntry.read(p);
            }
        };
    }

    private static InputStream open(Path manifest) throws IOException {
        return new BufferedInputStream(Files.newInputStream(manifest), 1 << 16);
    }

    private static String stringField(JsonParser p, String name) throws IOException {
        String value = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            if (field.equals(name)) {
                value = p.getValueAsString();
            } else {
                p.skipChildren();
            }
        }
        return value;
    }

    private static ManifestTotals totals(JsonParser p) throws IOException {
        long entries = 0, files = 0, dirs = 0, links = 0, skipped = 0, source = 0, staged = 0;
        int chunks = 0;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            switch (field) {
                case "entries" -> entries = p.getLongValue();
                case "files" -> files = p.getLongValue();
                case "directories" -> dirs = p.getLongValue();
                case "symlinks" -> links = p.getLongValue();
                case "skipped" -> skipped = p.getLongValue();
                case "sourceBytes" -> source = p.getLongValue();
                case "stagedBytes" -> staged = p.getLongValue();
                case "chunks" -> chunks = p.getIntValue();
                default -> p.skipChildren();
            }
        }
        return new ManifestTotals(entries, files, dirs, links, skipped, source, staged, chunks);
    }

    private static ManifestChunk chunk(JsonParser p) throws IOException {
        ManifestEntry.expect(p, p.currentToken(), JsonToken.START_OBJECT);
        int number = 0;
        String name = null;
        long size = -1;
        String md5 = null;
        long offset = 0;
        long length = 0;
        List<String> blocks = new ArrayList<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            switch (field) {
                case "chunk" -> number = p.getIntValue();
                case "name" -> name = p.getValueAsString();
                case "size" -> size = p.getLongValue();
                case "md5" -> md5 = p.getValueAsString();
                case "streamOffset" -> offset = p.getLongValue();
                case "streamLength" -> length = p.getLongValue();
                case "blockMd5s" -> {
                    while (p.nextToken() == JsonToken.VALUE_STRING) {
                        blocks.add(p.getText());
                    }
                }
                default -> p.skipChildren();
            }
        }
        if (number <= 0 || name == null || size < 0 || !name.equals(StagingManifest.chunkName(number))) {
            throw new ManifestException("manifest chunk record near " + p.currentLocation() + " is not valid (chunk "
                    + number + ", name " + name + ", size " + size + ")");
        }
        return new ManifestChunk(number, name, size, md5, offset, length, blocks);
    }

    private abstract static class ListCursor<T> implements ManifestCursor<T> {

        private final Path manifest;
        private final InputStream in;
        private final JsonParser p;
        private boolean done;

        ListCursor(Path manifest, String list) throws IOException {
            this.manifest = manifest;
            this.in = open(manifest);
            this.p = StagingManifest.JSON.createParser(in);
            try {
                ManifestEntry.expect(p, p.nextToken(), JsonToken.START_OBJECT);
                while (true) {
                    JsonToken t = p.nextToken();
                    if (t != JsonToken.FIELD_NAME) {
                        throw new ManifestException(manifest + " has no '" + list + "' list");
                    }
                    String field = p.currentName();
                    p.nextToken();
                    if (field.equals(list)) {
                        ManifestEntry.expect(p, p.currentToken(), JsonToken.START_ARRAY);
                        break;
                    }
                    p.skipChildren();
                }
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                close();
                throw new ManifestException(manifest + " is not valid JSON: " + e.getOriginalMessage(), e);
            } catch (IOException | RuntimeException e) {
                close();
                throw e;
            }
        }

        abstract T read(JsonParser p) throws IOException;

        @Override
        public T next() throws IOException {
            if (done) {
                return null;
            }
            try {
                JsonToken t = p.nextToken();
                if (t == JsonToken.END_ARRAY) {
                    done = true;
                    return null;
                }
                return read(p);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new ManifestException(manifest + " is not valid JSON: " + e.getOriginalMessage(), e);
            }
        }

        @Override
        public void close() throws IOException {
            try {
                p.close();
            } finally {
                in.close();
            }
        }
    }
}
