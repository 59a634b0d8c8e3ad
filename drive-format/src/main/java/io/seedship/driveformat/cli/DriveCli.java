package io.seedship.driveformat.cli;

import io.seedship.driveformat.DriveException;
import io.seedship.driveformat.bitlocker.EncryptionMethod;
import io.seedship.driveformat.bitlocker.RecoveryPassword;
import io.seedship.driveformat.plan.DrivePlan;
import io.seedship.driveformat.plan.DriveTarget;
import io.seedship.driveformat.plan.SourceFile;
import io.seedship.driveformat.plan.SpanPlan;
import io.seedship.driveformat.plan.SpanPlanner;
import io.seedship.driveformat.verify.DriveVerifier;
import io.seedship.driveformat.verify.VerifyReport;
import io.seedship.driveformat.volume.DeviceSize;
import io.seedship.driveformat.write.DriveWriter;
import io.seedship.driveformat.write.ProgressListener;
import io.seedship.driveformat.write.WrittenDrive;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code seedship-drive}: the operator's tool on a copy machine. Plans a data set over drives, writes them (resuming a
 * write that was cut off), and verifies a drive before it is shipped. Recovery passwords are kept one per drive in files
 * readable by their owner only, never printed or logged.
 */
@Command(name = "seedship-drive", mixinStandardHelpOptions = true, version = "seedship-drive 0.1.0",
        description = "Writes Azure Import/Export drives (NTFS + BitLocker + DriveManifest) on Linux and verifies them.",
        subcommands = {DriveCli.Plan.class, DriveCli.Write.class, DriveCli.Verify.class})
public final class DriveCli {

    static final long MIB = 1024 * 1024;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String... args) {
        return new CommandLine(new DriveCli())
                .setExecutionExceptionHandler((e, line, parsed) -> {
                    // a refusal is the expected outcome of bad input: its message says it all, no stack trace
                    line.getErr().println(e instanceof IOException || e instanceof IllegalArgumentException
                            ? "error: " + e.getMessage() : "error: " + e);
                    return 2;
                })
                .execute(args);
    }

    /** The data set and the drives, shared by plan and write. */
    static final class DataSet {
        @Option(names = "--source", required = true, description = "Directory whose files become blobs (a symbolic link to a file is written as that file; any other entry that is not a regular file or directory is refused).")
        Path source;

        @Option(names = "--container", required = true, description = "Blob container the files go to.")
        String container;

        @Option(names = "--drive", required = true, paramLabel = "DEVICE[=DRIVE_ID]",
                description = "A drive (block device or image file); its id defaults to the device's serial number or the image's name.")
        List<String> drives;

        List<SourceFile> files() throws IOException {
            if (!Files.isDirectory(source)) {
                throw new DriveException(source.toString(), "--source must be a directory");
            }
            List<SourceFile> files = new ArrayList<>();
            List<String> refused = new ArrayList<>();
            try (Stream<Path> walk = Files.walk(source)) {
                for (Path file : walk.sorted().toList()) {
                    if (Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
                        continue;
                    }
                    if (!Files.isRegularFile(file)) {
                        refused.add(file + " (" + kind(file) + ")");
                        continue;
                    }
                    String relative = source.relativize(file).toString().replace('\\', '/');
                    files.add(SourceFile.of(file, "/" + container + "/" + relative, Files.size(file)));
                }
            }
            if (!refused.isEmpty()) {
                // a seed silently missing a file is worse than no seed: refuse, naming every entry
                throw new DriveException(source.toString(), refused.size() + " entr" + (refused.size() == 1 ? "y is" : "ies are")
                        + " neither a regular file nor a directory, so no blob can be made of "
                        + (refused.size() == 1 ? "it" : "them") + ":\n  " + String.join("\n  ", refused)
                        + "\nremove them from --source (or replace a link with the file it points to) and run again");
            }
            return files;
        }

        /** What an entry that is not a regular file is, for the refusal. */
        static String kind(Path file) {
            try {
                if (Files.isSymbolicLink(file)) {
                    String target = Files.readSymbolicLink(file).toString();
                    if (!Files.exists(file)) {
                        return "a broken symbolic link to " + target;
                    }
                    return Files.isDirectory(file) ? "a symbolic link to the directory " + target + ", not followed"
                            : "a symbolic link to " + target + ", which is not a regular file";
                }
                int type = (Integer) Files.getAttribute(file, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 0170000;
                return switch (type) {
                    case 0010000 -> "a FIFO (named pipe)";
                    case 0140000 -> "a socket";
                    case 0020000 -> "a character device";
                    case 0060000 -> "a block device";
                    default -> "not a regular file";
                };
            } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
                return "not a regular file";
            }
        }

        List<DriveTarget> targets() throws IOException {
            List<DriveTarget> targets = new ArrayList<>();
            for (String drive : drives) {
                int equals = drive.indexOf('=');
                Path device = Path.of(equals < 0 ? drive : drive.substring(0, equals));
                if (!Files.exists(device)) {
                    throw new DriveException(device.toString(), "does not exist");
                }
                String id = equals < 0 ? defaultId(device) : drive.substring(equals + 1);
                targets.add(new DriveTarget(device, id, DeviceSize.of(device)));
            }
            return targets;
        }

        private static String defaultId(Path device) throws IOException {
            Path real = device.toRealPath();
            Path serial = Path.of("/sys/class/block", real.getFileName().toString(), "device", "serial");
            if (Files.isReadable(serial)) {
                return Files.readString(serial).replaceAll("\\s", "");
            }
            String name = real.getFileName().toString();
            int dot = name.lastIndexOf('.');
            return (dot > 0 ? name.substring(0, dot) : name).replaceAll("[^A-Za-z0-9_.-]", "-");
        }
    }

    @Command(name = "plan", description = "Shows which files go on which drive, touching nothing.")
    static final class Plan implements Callable<Integer> {
        @Mixin
        DataSet dataSet;

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            SpanPlan plan = SpanPlanner.plan(dataSet.files(), dataSet.targets());
            spec.commandLine().getOut().print(plan.report());
            spec.commandLine().getOut().flush();
            return 0;
        }
    }

    @Command(name = "write", description = "Writes the drives of the plan, resuming any that a crash cut off, then verifies each.")
    static final class Write implements Callable<Integer> {
        @Mixin
        DataSet dataSet;

        @Option(names = "--keys", required = true, description = "Directory of the drives' recovery passwords (one file per drive id, mode 600).")
        Path keys;

        @Option(names = "--journal", defaultValue = "${sys:user.home}/.seedship/drive-journal", description = "Journal directory (default: ${DEFAULT-VALUE}).")
        Path journal;

        @Option(names = "--cipher", defaultValue = "AES_XTS_128", description = "AES_XTS_128 or AES_XTS_256 (default: ${DEFAULT-VALUE}).")
        EncryptionMethod method;

        @Option(names = "--overwrite", description = "Erase drives that hold data.")
        boolean overwrite;

        @Option(names = "--no-progress", description = "No progress bar.")
        boolean noProgress;

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            SpanPlan plan = SpanPlanner.plan(dataSet.files(), dataSet.targets());
            out.print(plan.report());
            DriveWriter writer = new DriveWriter(DriveWriter.Options.defaults(journal, journal.resolve("scratch"))
                    .withMethod(method).withOverwrite(overwrite));
            // every drive is checked before any is written and before its recovery password is made: a refused drive
            // leaves nothing behind, in the keys directory or the journal
            for (DrivePlan drive : plan.drives()) {
                writer.check(drive);
            }
            int failed = 0;
            for (DrivePlan drive : plan.drives()) {
                RecoveryPassword password = RecoveryPasswords.load(keys, drive.target().driveId(), true);
                WrittenDrive written;
                try (Progress progress = new Progress(drive.target().driveId() + " write", !noProgress)) {
                    written = writer.write(drive, password, progress);
                }
                VerifyReport report;
                try (Progress progress = new Progress(drive.target().driveId() + " verify", !noProgress)) {
                    report = DriveVerifier.verify(drive.target().device(), password, progress);
                }
                out.printf("drive %s (%s)%n  manifest file:     %s%n  manifest hash:     %s%n  drive header hash: %s%n"
                                + "  recovery password: in %s%n  verified:          %s%n",
                        written.driveId(), written.device(), written.manifestFile(), written.manifestHash(),
                        written.driveHeaderHash(), RecoveryPasswords.file(keys, written.driveId()),
                        report.ok() ? report.blocks() + " blocks of " + report.blobs() + " blobs match the manifest" : "FAILED");
                report.problems().forEach(p -> out.println("  problem: " + p));
                failed += report.ok() ? 0 : 1;
            }
            out.flush();
            return failed == 0 ? 0 : 1;
        }
    }

    @Command(name = "verify", description = "Reads a drive back with its recovery password and checks every block against its manifest.")
    static final class Verify implements Callable<Integer> {
        @Option(names = "--drive", required = true, description = "The drive (block device or image file).")
        Path drive;

        @Option(names = "--password-file", required = true, description = "File holding the drive's 48-digit recovery password.")
        Path passwordFile;

        @Option(names = "--no-progress", description = "No progress bar.")
        boolean noProgress;

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            RecoveryPassword password = RecoveryPasswords.read(passwordFile);
            VerifyReport report;
            try (Progress progress = new Progress("verify", !noProgress)) {
                report = DriveVerifier.verify(drive, password, progress);
            }
            PrintWriter out = spec.commandLine().getOut();
            out.printf("drive %s: %d blobs, %d blocks, %d bytes read; manifest %s (MD5 %s)%n", report.driveId(), report.blobs(),
                    report.blocks(), report.bytes(), report.manifestFile(), report.manifestHash());
            report.problems().forEach(p -> out.println("problem: " + p));
            out.println(report.ok() ? "OK: every block matches the manifest" : "FAILED: " + report.problems().size() + " problem(s)");
            out.flush();
            return report.ok() ? 0 : 1;
        }
    }

    /** A progress bar on the terminal, in MiB with the speed. */
    static final class Progress implements ProgressListener, AutoCloseable {
        private final ProgressBar bar;

        Progress(String task, boolean shown) {
            this.bar = shown ? new ProgressBarBuilder().setTaskName(task).setUnit("MiB", MIB).showSpeed().build() : null;
        }

        @Override
        public void written(long bytesDone, long bytesTotal) {
            if (bar != null) {
                bar.maxHint(bytesTotal);
                bar.stepTo(bytesDone);
            }
        }

        @Override
        public void close() {
            if (bar != null) {
                bar.close();
            }
        }
    }

    /** Recovery passwords in files of their own, mode 600. */
    static final class RecoveryPasswords {

        static Path file(Path keys, String driveId) {
            return keys.resolve(driveId + ".recovery-password");
        }

        static RecoveryPassword load(Path keys, String driveId, boolean create) throws IOException {
            Path file = file(keys, driveId);
            if (Files.exists(file)) {
                return read(file);
            }
            if (!create) {
                throw new DriveException(file.toString(), "does not exist");
            }
            Files.createDirectories(keys);
            RecoveryPassword password = RecoveryPassword.generate(new SecureRandom());
            Path temporary = Files.createTempFile(keys, driveId, ".tmp", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(temporary, java.nio.file.StandardOpenOption.WRITE)) {
                channel.write(java.nio.ByteBuffer.wrap((password.reveal() + "\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
                // the password must outlive a power cut: the drive cannot be opened without it
                channel.force(true);
            }
            Files.move(temporary, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return password;
        }

        static RecoveryPassword read(Path file) throws IOException {
            try {
                return RecoveryPassword.parse(Files.readString(file).strip());
            } catch (IllegalArgumentException e) {
                throw new DriveException(file.toString(), "does not hold a valid recovery password: " + e.getMessage());
            }
        }
    }
}
