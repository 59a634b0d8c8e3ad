package io.seedship.staging.cli;

import io.seedship.staging.chunks.ProgressListener;
import io.seedship.staging.chunks.StagingEstimate;
import io.seedship.staging.chunks.StagingEstimator;
import io.seedship.staging.chunks.StagingOptions;
import io.seedship.stagingformat.FileHash;
import io.seedship.staging.chunks.StagingProgress;
import io.seedship.staging.chunks.StagingResult;
import io.seedship.staging.chunks.StagingWriter;
import io.seedship.stagingformat.restore.RestoreReport;
import io.seedship.stagingformat.restore.StagingRestorer;
import io.seedship.staging.source.DirectoryTreeSource;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code seedship-staging}: stages a directory tree (resuming an interrupted staging), estimates its staged size, and
 * verifies or restores a staging. Directories are given by position, as the README shows
 * ({@code verify /staging/seed-1234}, {@code restore /staging/seed-1234 /tmp/restored}); the options
 * {@code --source}, {@code --staging} and {@code --target} name them too.
 */
@Command(name = "seedship-staging", mixinStandardHelpOptions = true, version = "seedship-staging 0.1.0",
        description = "Writes the initial backup of a directory tree as zstd chunks and a manifest, and reads it back.",
        subcommands = {StagingCli.Estimate.class, StagingCli.Write.class, StagingCli.Verify.class,
                StagingCli.Restore.class})
public final class StagingCli {

    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(|B|KiB|MiB|GiB|TiB)", Pattern.CASE_INSENSITIVE);

    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String... args) {
        return new CommandLine(new StagingCli())
                .setExecutionExceptionHandler((e, line, parsed) -> {
                    // a refusal is the expected outcome of bad input: its message says it all, no stack trace
                    line.getErr().println(e instanceof IOException || e instanceof IllegalArgumentException
                            ? "error: " + e.getMessage() : "error: " + e);
                    line.getErr().flush();
                    return 2;
                })
                .execute(args);
    }

    /** "1GiB", "512MiB", "1048576". */
    static long size(String text) {
        Matcher m = SIZE.matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("size '" + text + "' must be a number with an optional KiB, MiB, GiB or TiB");
        }
        int shift = switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "kib" -> 10;
            case "mib" -> 20;
            case "gib" -> 30;
            case "tib" -> 40;
            default -> 0;
        };
        return Long.parseLong(m.group(1)) << shift;
    }

    /**
     * The directory given by position or by option, exactly one of them.
     *
     * @throws ParameterException naming both ways to give it, when neither or both (differing) are given
     */
    static Path one(CommandLine.Model.CommandSpec spec, String what, String option, Path positional, Path named) {
        if (positional != null && named != null && !positional.equals(named)) {
            throw new ParameterException(spec.commandLine(), "the " + what + " is given twice, as '" + positional
                    + "' and as " + option + "=" + named + "; give it once");
        }
        Path path = positional != null ? positional : named;
        if (path == null) {
            throw new ParameterException(spec.commandLine(), "missing the " + what + ": give it as an argument or"
                    + " with " + option + "=<dir>");
        }
        return path;
    }

    static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
    }

    /** Options shared by estimate and write. */
    static final class Tuning {
        @Option(names = "--chunk-size", defaultValue = "1GiB", description = "Target size of a chunk file (default ${DEFAULT-VALUE}).")
        String chunkSize;

        @Option(names = "--level", defaultValue = "3", description = "zstd level (default ${DEFAULT-VALUE}).")
        int level;

        @Option(names = "--threads", description = "Compression threads (default: available processors).")
        Integer threads;

        @Option(names = "--file-hash", defaultValue = "xxh128", converter = FileHashConverter.class,
                description = "The hash recorded for each file: xxh128 (XXH3-128, default) or sha256.")
        FileHash fileHash;

        StagingOptions options() {
            StagingOptions options = StagingOptions.defaults().withChunkTargetBytes(size(chunkSize)).withZstdLevel(level)
                    .withFileHash(fileHash);
            return threads == null ? options : options.withThreads(threads);
        }
    }

    @Command(name = "estimate", description = "Estimates the staged size by compressing samples of the source.")
    static final class Estimate implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(index = "0", arity = "0..1", paramLabel = "SOURCE", description = "The directory tree to stage.")
        Path sourceArgument;

        @Option(names = "--source", description = "The directory tree to stage (instead of the argument).")
        Path source;

        @CommandLine.Mixin
        Tuning tuning = new Tuning();

        @Override
        public Integer call() throws Exception {
            Path tree = one(spec, "source directory", "--source", sourceArgument, source);
            StagingEstimate e = new StagingEstimator(tuning.options()).estimate(new DirectoryTreeSource(tree));
            PrintWriter out = spec.commandLine().getOut();
            out.printf(Locale.ROOT, "%d files, %s; estimated staged size %s (ratio %.2f, from %s sampled)%n",
                    e.fileCount(), mib(e.sourceBytes()), mib(e.estimatedStagedBytes()), 1 / e.ratio(),
                    mib(e.sampledBytes()));
            out.flush();
            return 0;
        }
    }

    @Command(name = "write", description = "Stages a directory tree into a staging directory, resuming an interrupted staging there.")
    static final class Write implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(index = "0", arity = "0..1", paramLabel = "SOURCE",
                description = "The directory tree to stage (best a snapshot).")
        Path sourceArgument;

        @Parameters(index = "1", arity = "0..1", paramLabel = "STAGING", description = "The staging directory.")
        Path stagingArgument;

        @Option(names = "--source", description = "The directory tree to stage (instead of the first argument).")
        Path source;

        @Option(names = "--staging", description = "The staging directory (instead of the second argument).")
        Path staging;

        @Option(names = "--progress-seconds", defaultValue = "5", description = "Seconds between progress lines (default ${DEFAULT-VALUE}).")
        int progressSeconds;

        @CommandLine.Mixin
        Tuning tuning = new Tuning();

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            StagingOptions options = tuning.options().withProgressInterval(Duration.ofSeconds(progressSeconds));
            Path tree = one(spec, "source directory", "--source", sourceArgument, source);
            Path into = one(spec, "staging directory", "--staging", stagingArgument, staging);
            StagingResult r = new StagingWriter(options).write(new DirectoryTreeSource(tree), into,
                    new ProgressListener() {
                        @Override
                        public void progress(StagingProgress p) {
                            out.printf(Locale.ROOT, "%s of %s, %d of %d files, %d chunks, %.0f MB/s%n",
                                    mib(p.bytesDone()), mib(p.bytesTotal()), p.filesDone(), p.filesTotal(),
                                    p.chunksWritten(), p.bytesPerSecond() / 1e6);
                            out.flush();
                        }

                        @Override
                        public void notice(String message) {
                            out.println(message);
                            out.flush();
                        }
                    });
            out.printf(Locale.ROOT, "staged %d files, %s into %d chunks, %s%nmanifest %s%nsha256 %s%n", r.fileCount(),
                    mib(r.sourceBytes()), r.chunkCount(), mib(r.stagedBytes()), r.manifestPath(), r.manifestSha256());
            if (r.skippedCount() > 0) {
                out.printf(Locale.ROOT, "%d entries not staged (listed in the manifest), e.g. %s%n", r.skippedCount(),
                        r.skipped().stream().limit(3).map(k -> k.path() + " (" + k.kind() + ")")
                                .collect(java.util.stream.Collectors.joining(", ")));
            }
            out.flush();
            return 0;
        }
    }

    /** Takes a file hash by its manifest name. */
    static final class FileHashConverter implements CommandLine.ITypeConverter<FileHash> {
        @Override
        public FileHash convert(String value) {
            FileHash hash = FileHash.ofField(value);
            if (hash == null) {
                throw new CommandLine.TypeConversionException("--file-hash must be " + FileHash.XXH3_128.field + " or "
                        + FileHash.SHA_256.field + ", not '" + value + "'");
            }
            return hash;
        }
    }

    @Command(name = "verify", description = "Checks the manifest's hash, the MD5 of every block of every chunk, every"
            + " zstd frame's checksum and every file's hash, naming the block, frame or file that differs.")
    static final class Verify implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(index = "0", arity = "0..1", paramLabel = "STAGING", description = "The staging directory.")
        Path stagingArgument;

        @Option(names = "--staging", description = "The staging directory (instead of the argument).")
        Path staging;

        @Override
        public Integer call() throws Exception {
            RestoreReport r = new StagingRestorer().verify(one(spec, "staging directory", "--staging",
                    stagingArgument, staging));
            PrintWriter out = spec.commandLine().getOut();
            out.printf(Locale.ROOT, "verified %d chunks, %d files, %s; manifest sha256 %s%n", r.chunks(), r.files(),
                    mib(r.bytes()), r.manifestSha256());
            out.flush();
            return 0;
        }
    }

    @Command(name = "restore", description = "Recreates the staged tree in an empty directory, verifying as it goes.")
    static final class Restore implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(index = "0", arity = "0..1", paramLabel = "STAGING", description = "The staging directory.")
        Path stagingArgument;

        @Parameters(index = "1", arity = "0..1", paramLabel = "TARGET", description = "An empty or missing directory.")
        Path targetArgument;

        @Option(names = "--staging", description = "The staging directory (instead of the first argument).")
        Path staging;

        @Option(names = "--target", description = "An empty or missing directory (instead of the second argument).")
        Path target;

        @Override
        public Integer call() throws Exception {
            Path from = one(spec, "staging directory", "--staging", stagingArgument, staging);
            Path into = one(spec, "target directory", "--target", targetArgument, target);
            RestoreReport r = new StagingRestorer().restore(from, into);
            PrintWriter out = spec.commandLine().getOut();
            out.printf(Locale.ROOT, "restored %d entries (%d files, %s) into %s; %d skipped when staged%n", r.entries(),
                    r.files(), mib(r.bytes()), into, r.skipped());
            out.flush();
            return 0;
        }
    }
}
