package io.seedship.staging.chunks;

import java.time.Duration;
import java.util.ArrayDeque;

/** Throttles progress reports to one per interval and measures the rate over a recent window. */
final class ProgressMeter {

    private record Sample(long nanos, long bytes) {
    }

    private final ProgressListener listener;
    private final long intervalNanos;
    private final long windowNanos;
    private final long bytesTotal;
    private final long filesTotal;
    private final ArrayDeque<Sample> window = new ArrayDeque<>();
    private long lastReport;

    ProgressMeter(ProgressListener listener, Duration interval, long bytesTotal, long filesTotal, long bytesAtStart) {
        this.listener = listener;
        this.intervalNanos = interval.toNanos();
        this.windowNanos = Math.max(Duration.ofSeconds(30).toNanos(), 6 * intervalNanos);
        this.bytesTotal = bytesTotal;
        this.filesTotal = filesTotal;
        long now = System.nanoTime();
        window.add(new Sample(now, bytesAtStart));
        lastReport = now;
    }

    synchronized void update(long bytesDone, long filesDone, int chunks) {
        long now = System.nanoTime();
        if (now - lastReport >= intervalNanos) {
            report(now, bytesDone, Math.max(bytesTotal, bytesDone), filesDone, Math.max(filesTotal, filesDone), chunks,
                    false);
        }
    }

    /** Passes a notice to the listener, from any of the pipeline's threads. */
    synchronized void notice(String message) {
        listener.notice(message);
    }

    /** The last report: the totals are what was staged. */
    synchronized void finish(long bytes, long files, int chunks) {
        report(System.nanoTime(), bytes, bytes, files, files, chunks, true);
    }

    private void report(long now, long bytesDone, long bytesAll, long filesDone, long filesAll, int chunks,
                        boolean finished) {
        window.addLast(new Sample(now, bytesDone));
        while (window.size() > 2 && now - window.peekFirst().nanos > windowNanos) {
            window.removeFirst();
        }
        Sample first = window.peekFirst();
        double seconds = (now - first.nanos) / 1e9;
        double rate = seconds > 0 ? (bytesDone - first.bytes) / seconds : 0;
        lastReport = now;
        listener.progress(new StagingProgress(bytesDone, bytesAll, filesDone, filesAll, chunks, rate, finished));
    }
}
