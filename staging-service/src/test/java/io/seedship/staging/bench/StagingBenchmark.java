package io.seedship.staging.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.seedship.staging.chunks.BenchAccess;
import io.seedship.staging.chunks.StagingOptions;
import io.seedship.staging.chunks.StagingResult;
import io.seedship.staging.chunks.StagingWriter;
import io.seedship.staging.md5.BlockMd5s;
import io.seedship.staging.source.DirectoryTreeSource;
import io.seedship.staging.source.Trees;
import io.seedship.stagingformat.FileHash;
import io.seedship.stagingformat.restore.RestoreReport;
import io.seedship.stagingformat.restore.StagingRestorer;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The staging writer against the zstd CLI on the same corpus, in one run, median of rounds after warm-up rounds.
 * Not part of the normal suite: {@code ./mvnw -B -pl staging-service test -Dtest=StagingBenchmark -Dbench.gib=2}
 * (optionally {@code -Dbench.rounds=3}, {@code -Dbench.warmups=2}: the JIT needs about two writes of 2 GiB to settle
 * the file hash's and the block MD5s' loops).
 *
 * <p>What is compared: {@code tar -cf - -C corpus . | zstd -3 -T0} (the tool an operator would reach for), and
 * {@code zstd -3 -T0} over the corpus pre-concatenated into one file (pure compression, the strict baseline),
 * against the writer at level 3 with its default options and every check on: the XXH3-128 of every file, the XXH64
 * of every zstd frame, the MD5 of every 4 MiB block of every chunk file; plus a journal, and an fsync of every chunk,
 * where the CLI's output stays in the page cache. The last round's staging is verified (untimed) with the restorer, so
 * the figures are for a staging that checks out. Two more lines show what the checks cost: the writer with SHA-256
 * as the file hash, and with every hash off. Each line's CPU seconds per GiB is the process's (the writer) or the
 * shell's children's (the CLI) CPU time over the corpus size; after each writer run a line splits its CPU by thread
 * (the reader with the file hash is "main", then the compressors, the chunk writer, the block MD5s, the closer).
 */
@EnabledIfSystemProperty(named = "bench.gib", matches = ".+")
class StagingBenchmark {

    private static final long GIB = 1L << 30;
    private static final String WRITER = "seedship StagingWriter -3";
    private static final String STRICT = "zstd -3 -T0, one file";

    @Test
    void stagingAgainstTheZstdCli() throws Exception {
        long bytes = (long) (Double.parseDouble(System.getProperty("bench.gib")) * GIB);
        int rounds = Integer.getInteger("bench.rounds", 3);
        Path work = Path.of("target", "bench").toAbsolutePath();
        Files.createDirectories(work);
        long buildStart = System.nanoTime();
        Path corpus = BenchCorpus.build(work, bytes);
        Path cat = BenchCorpus.concatenated(work, corpus);
        System.out.printf(Locale.ROOT, "corpus ready in %.1f s: %s%n", (System.nanoTime() - buildStart) / 1e9, corpus);
        long sourceBytes = Files.size(cat);
        boolean cli = Trees.commandExists("zstd") && Trees.commandExists("tar") && Trees.commandExists("bash");
        if (!cli) {
            System.out.println("zstd, tar or bash not found: the CLI baselines are skipped");
        }
        Path staging = work.resolve("staging");
        StagingOptions options = StagingOptions.defaults().withZstdLevel(3);
        StagingWriter writer = new StagingWriter(options);
        StagingWriter sha256 = new StagingWriter(options.withFileHash(FileHash.SHA_256));
        StagingWriter unhashed = BenchAccess.withoutHashing(writer);
        DirectoryTreeSource source = new DirectoryTreeSource(corpus);

        Map<String, List<Double>> seconds = new LinkedHashMap<>();
        Map<String, List<Double>> cpus = new LinkedHashMap<>();
        Map<String, Long> sizes = new LinkedHashMap<>();
        warmPageCache(corpus);
        warmPageCache(cat);
        int warmUps = Integer.getInteger("bench.warmups", 2);
        for (int round = 1 - warmUps; round <= rounds; round++) {
            boolean warmUp = round <= 0;
            if (cli) {
                Path tarOut = work.resolve("tar.zst");
                record(seconds, cpus, warmUp, "tar | zstd -3 -T0",
                        shell("tar -cf - -C '" + corpus + "' . | zstd -3 -T0 -q -f -o '" + tarOut + "'"));
                sizes.put("tar | zstd -3 -T0", Files.size(tarOut));
                Files.delete(tarOut);
                Path catOut = work.resolve("cat.zst");
                record(seconds, cpus, warmUp, STRICT,
                        shell("zstd -3 -T0 -q -f -o '" + catOut + "' '" + cat + "'"));
                sizes.put(STRICT, Files.size(catOut));
                Files.delete(catOut);
            }
            StagingResult result = timed(seconds, cpus, sizes, warmUp, WRITER, writer, source, staging);
            assertThat(result.sourceBytes()).isEqualTo(sourceBytes);
            if (round == rounds) {
                RestoreReport verified = new StagingRestorer().verify(staging);
                assertThat(verified.bytes()).isEqualTo(sourceBytes);
                System.out.printf(Locale.ROOT, "the last staging verified: %d chunks, %d files%n", verified.chunks(),
                        verified.files());
            }
            timed(seconds, cpus, sizes, warmUp, "seedship, SHA-256 per file", sha256, source, staging);
            timed(seconds, cpus, sizes, warmUp, "seedship, hashing off", unhashed, source, staging);
            BenchCorpus.deleteTree(staging);
            System.out.printf(Locale.ROOT, "round %d%s: %s%n", round, warmUp ? " (warm-up)" : "", last(seconds, sourceBytes));
        }
        print(seconds, cpus, sizes, sourceBytes, rounds);
    }

    private static StagingResult timed(Map<String, List<Double>> seconds, Map<String, List<Double>> cpus,
                                       Map<String, Long> sizes, boolean warmUp, String name, StagingWriter writer,
                                       DirectoryTreeSource source, Path staging) throws Exception {
        BenchCorpus.deleteTree(staging);
        ThreadCpu threads = ThreadCpu.start();
        long start = System.nanoTime();
        double cpu = processCpu();
        StagingResult result = writer.write(source, staging, null);
        record(seconds, cpus, warmUp, name, new Timing((System.nanoTime() - start) / 1e9, processCpu() - cpu));
        sizes.put(name, result.stagedBytes());
        System.out.printf(Locale.ROOT, "  %s: CPU s/GiB by thread: %s%n", name, threads.stop(result.sourceBytes()));
        return result;
    }

    /** The CPU time of each thread while a writer runs, summed by name ("staging-zstd-0" and "-1" as one). */
    private static final class ThreadCpu {
        private final ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        private final Map<Long, Long> before = new HashMap<>();
        private final Map<Long, Long> last = new ConcurrentHashMap<>();
        private final Map<Long, String> names = new ConcurrentHashMap<>();
        private volatile boolean running = true;
        private final Thread sampler = new Thread(this::sample, "bench-thread-cpu");

        static ThreadCpu start() {
            ThreadCpu t = new ThreadCpu();
            for (long id : t.mx.getAllThreadIds()) {
                t.before.put(id, t.mx.getThreadCpuTime(id));
            }
            t.sampler.setDaemon(true);
            t.sampler.start();
            return t;
        }

        /** Threads that end between samples lose their last 20 ms at most. */
        private void sample() {
            while (running) {
                for (ThreadInfo info : mx.getThreadInfo(mx.getAllThreadIds())) {
                    if (info != null && info.getThreadId() != sampler.threadId()) {
                        long cpu = mx.getThreadCpuTime(info.getThreadId());
                        if (cpu > 0) {
                            names.put(info.getThreadId(), info.getThreadName());
                            last.merge(info.getThreadId(), cpu, Math::max);
                        }
                    }
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        String stop(long bytes) throws InterruptedException {
            running = false;
            sampler.join();
            Map<String, Double> byName = new TreeMap<>();
            last.forEach((id, cpu) -> byName.merge(names.get(id).replaceAll("-\\d+$", ""),
                    (cpu - before.getOrDefault(id, 0L)) / 1e9 / (bytes / (double) GIB), Double::sum));
            StringBuilder s = new StringBuilder();
            byName.forEach((n, c) -> {
                if (c >= 0.005) {
                    s.append(String.format(Locale.ROOT, "%s %.2f, ", n, c));
                }
            });
            return s.length() == 0 ? "-" : s.substring(0, s.length() - 2);
        }
    }

    private static void record(Map<String, List<Double>> seconds, Map<String, List<Double>> cpus, boolean warmUp,
                               String name, Timing t) {
        List<Double> wall = seconds.computeIfAbsent(name, k -> new ArrayList<>());
        List<Double> cpu = cpus.computeIfAbsent(name, k -> new ArrayList<>());
        if (!warmUp) {
            wall.add(t.wall());
            cpu.add(t.cpu());
        }
    }

    private static String last(Map<String, List<Double>> seconds, long bytes) {
        StringBuilder s = new StringBuilder();
        seconds.forEach((name, list) -> {
            if (!list.isEmpty()) {
                s.append(String.format(Locale.ROOT, "%s %.0f MB/s; ", name, bytes / list.get(list.size() - 1) / 1e6));
            }
        });
        return s.toString();
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    private static void print(Map<String, List<Double>> seconds, Map<String, List<Double>> cpus, Map<String, Long> sizes,
                              long sourceBytes, int rounds) {
        double tar = seconds.containsKey("tar | zstd -3 -T0") ? sourceBytes / median(seconds.get("tar | zstd -3 -T0")) / 1e6 : 0;
        double one = seconds.containsKey(STRICT) ? sourceBytes / median(seconds.get(STRICT)) / 1e6 : 0;
        System.out.printf(Locale.ROOT, "%nStaging benchmark: %.2f GiB corpus (%d bytes), %d cores, JDK %s, median of %d rounds,"
                + " block MD5s on %s%n", sourceBytes / (double) GIB, sourceBytes,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), rounds,
                BlockMd5s.create(StagingOptions.DEFAULT_BLOCK_BYTES).description());
        System.out.printf(Locale.ROOT, "| %-26s | %8s | %11s | %14s | %12s | %14s | %6s |%n", "", "MB/s",
                "vs tar|zstd", "vs zstd 1 file", "CPU s/GiB", "compressed B", "ratio");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|");
        for (Map.Entry<String, List<Double>> e : seconds.entrySet()) {
            double mbps = sourceBytes / median(e.getValue()) / 1e6;
            long size = sizes.get(e.getKey());
            double cpuPerGib = median(cpus.get(e.getKey())) / (sourceBytes / (double) GIB);
            System.out.printf(Locale.ROOT, "| %-26s | %8.0f | %11s | %14s | %12.2f | %14d | %6.3f |%n", e.getKey(), mbps,
                    tar > 0 ? String.format(Locale.ROOT, "%.3f", mbps / tar) : "-",
                    one > 0 ? String.format(Locale.ROOT, "%.3f", mbps / one) : "-", cpuPerGib, size,
                    (double) sourceBytes / size);
        }
        if (one > 0) {
            double ratio = sourceBytes / median(seconds.get(WRITER)) / 1e6 / one;
            System.out.printf(Locale.ROOT, "%nthe writer with every check on runs at %.3f of %s: %s%n", ratio, STRICT,
                    ratio >= 1.0 ? "at least as fast (the target)" : "slower than the target of 1.0");
        }
    }

    private record Timing(double wall, double cpu) {
    }

    /** Runs a shell pipeline; its CPU time is what bash's {@code times} reports for its children. */
    private static Timing shell(String pipeline) throws IOException, InterruptedException {
        long start = System.nanoTime();
        Process p = new ProcessBuilder("bash", "-c", pipeline + " && times").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(1, TimeUnit.HOURS) || p.exitValue() != 0) {
            throw new IOException(pipeline + " failed: " + out);
        }
        double wall = (System.nanoTime() - start) / 1e9;
        // times prints the shell's user/sys, then its children's: "0m7.123s 0m0.860s"
        Matcher m = Pattern.compile("(\\d+)m([\\d.]+)s (\\d+)m([\\d.]+)s\\s*$").matcher(out.strip());
        double cpu = m.find() ? 60 * Double.parseDouble(m.group(1)) + Double.parseDouble(m.group(2))
                + 60 * Double.parseDouble(m.group(3)) + Double.parseDouble(m.group(4)) : Double.NaN;
        return new Timing(wall, cpu);
    }

    private static double processCpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1e9;
    }

    private static void warmPageCache(Path root) throws IOException {
        byte[] buffer = new byte[1 << 20];
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                try (InputStream in = Files.newInputStream(p)) {
                    while (in.read(buffer) > 0) {
                        // read to cache
                    }
                }
            }
        }
    }
}
