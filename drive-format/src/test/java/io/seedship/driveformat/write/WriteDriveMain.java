package io.seedship.driveformat.write;

import io.seedship.driveformat.bitlocker.RecoveryPassword;
import io.seedship.driveformat.plan.DrivePlan;
import io.seedship.driveformat.plan.DriveTarget;
import io.seedship.driveformat.plan.SourceFile;
import io.seedship.driveformat.plan.SpanPlanner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes one drive in a process of its own, slowly, so that a test can kill it with SIGKILL half way.
 * Arguments: journal dir, scratch dir, device, drive id, file list (lines: path TAB blob path TAB length).
 * The recovery password comes in the environment, never on the command line.
 */
public final class WriteDriveMain {

    public static void main(String[] args) throws Exception {
        Path journal = Path.of(args[0]);
        Path scratch = Path.of(args[1]);
        Path device = Path.of(args[2]);
        List<SourceFile> files = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of(args[4]))) {
            String[] fields = line.split("\t");
            files.add(SourceFile.of(Path.of(fields[0]), fields[1], Long.parseLong(fields[2])));
        }
        DrivePlan plan = SpanPlanner.plan(files, List.of(new DriveTarget(device, args[3], Files.size(device)))).drives().get(0);
        RecoveryPassword password = RecoveryPassword.parse(System.getenv("SEEDSHIP_TEST_RECOVERY_PASSWORD"));
        long pauseMillis = Long.parseLong(System.getenv().getOrDefault("SEEDSHIP_TEST_PAUSE_MS", "0"));
        DriveWriter writer = new DriveWriter(DriveWriter.Options.defaults(journal, scratch).withSyncEvery(8L * 1024 * 1024));
        writer.write(plan, password, (done, total) -> {
            try {
                Thread.sleep(pauseMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        System.out.println("WRITTEN");
    }
}
