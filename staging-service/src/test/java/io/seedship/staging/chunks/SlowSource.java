package io.seedship.staging.chunks;

import io.seedship.staging.source.BackupSource;
import io.seedship.stagingformat.SourceEntry;
import io.seedship.staging.source.SourceScan;
import io.seedship.staging.source.SourceWalk;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.util.function.Consumer;

/**
 * A source that reads at a given rate (so a test can stop a staging half way) and can run an action after the first
 * read of a chosen file (so a test can change that file while it is read). Its description is its delegate's: a
 * staging written through it resumes with the plain source.
 */
final class SlowSource implements BackupSource {

    private final BackupSource delegate;
    private final long bytesPerSecond;
    private final String touchedPath;
    private final Consumer<SourceEntry> onFirstRead;

    SlowSource(BackupSource delegate, long bytesPerSecond) {
        this(delegate, bytesPerSecond, null, e -> { });
    }

    SlowSource(BackupSource delegate, long bytesPerSecond, String touchedPath, Consumer<SourceEntry> onFirstRead) {
        this.delegate = delegate;
        this.bytesPerSecond = bytesPerSecond;
        this.touchedPath = touchedPath;
        this.onFirstRead = onFirstRead;
    }

    @Override
    public String description() {
        return delegate.description();
    }

    @Override
    public SourceScan scan() throws IOException {
        return delegate.scan();
    }

    @Override
    public SourceWalk walk() throws IOException {
        return delegate.walk();
    }

    @Override
    public SourceEntry stat(SourceEntry entry) throws IOException {
        return delegate.stat(entry);
    }

    @Override
    public ReadableByteChannel open(SourceEntry file) throws IOException {
        ReadableByteChannel in = delegate.open(file);
        return new ReadableByteChannel() {
            private boolean touched;

            @Override
            public int read(ByteBuffer dst) throws IOException {
                int n = in.read(dst);
                if (!touched && file.path().equals(touchedPath)) {
                    touched = true;
                    onFirstRead.accept(file);
                }
                if (n > 0 && bytesPerSecond > 0) {
                    try {
                        long nanos = n * 1_000_000_000L / bytesPerSecond;
                        Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new InterruptedIOException("interrupted while reading " + file.path());
                    }
                }
                return n;
            }

            @Override
            public boolean isOpen() {
                return in.isOpen();
            }

            @Override
            public void close() throws IOException {
                in.close();
            }
        };
    }
}
