package io.seedship.diskprep.work;

import io.seedship.contracts.codec.SeedshipCodec;
import io.seedship.contracts.common.SeedStage;
import io.seedship.contracts.diskprep.DrivePrepared;
import io.seedship.contracts.diskprep.DriveWriteProgress;
import io.seedship.contracts.diskprep.EncryptionMethod;
import io.seedship.contracts.outcome.SeedFailed;
import io.seedship.contracts.staging.SeedAccepted;
import io.seedship.diskprep.inventory.DriveOffer;
import io.seedship.diskprep.inventory.DriveOffers;
import io.seedship.diskprep.offers.InventoryReports;
import io.seedship.diskprep.custody.RecoveryPasswords;
import io.seedship.diskprep.persistence.DriveWriteState;
import io.seedship.diskprep.persistence.PrepDrive;
import io.seedship.diskprep.persistence.PrepDriveRepository;
import io.seedship.diskprep.persistence.PrepSeed;
import io.seedship.diskprep.persistence.PrepSeedRepository;
import io.seedship.diskprep.persistence.PrepState;
import io.seedship.diskprep.staged.StagedData;
import io.seedship.diskprep.staged.StagedDataException;
import io.seedship.driveformat.DriveException;
import io.seedship.driveformat.bitlocker.RecoveryPassword;
import io.seedship.driveformat.plan.DrivePlan;
import io.seedship.driveformat.plan.DriveTarget;
import io.seedship.driveformat.plan.SpanPlan;
import io.seedship.driveformat.plan.SpanPlanner;
import io.seedship.driveformat.verify.DriveVerifier;
import io.seedship.driveformat.verify.VerifyReport;
import io.seedship.driveformat.write.DriveWriter;
import io.seedship.driveformat.write.ProgressListener;
import io.seedship.driveformat.write.WrittenDrive;
import io.seedship.runtime.work.StageWork;
import io.seedship.runtime.work.WorkContext;
import io.seedship.runtime.work.WorkFailure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes the confirmed drives of a seed, one after another: plan the staged chunks over them (spanning), then for
 * each drive make its recovery password, seal and keep it <em>before</em> the first byte is written, write (NTFS,
 * BitLocker, data with staging's block MD5s, manifest), and read it back against its manifest. Then DrivePrepared per
 * drive, and the import job's creation is scheduled ({@link CreateImportJobWork}).
 *
 * <p>A drive is never formatted twice. A drive this agent holds a password for resumes from its journal (drive-format
 * makes the write resumable); one it holds none for is written only when it carries no journal and no sign of a
 * previous preparation (a BitLocker volume, Seedship's unfinished-write marker): with a wiped agent database, such a
 * drive fails the seed with the reason, rather than being erased.
 *
 * <p>A cancel ({@code messaging.CancelPrepOnCancelSeed}) takes the lease: the write stops at its next progress report
 * (every {@code progressInterval}, reading back too), and nothing it records after that commits.
 */
public class WriteDrivesWork implements StageWork {

  public static final String KIND = "write-drives";
  private static final Logger log = LoggerFactory.getLogger(WriteDrivesWork.class);

  private final String copyMachine;
  private final PrepSeedRepository seeds;
  private final PrepDriveRepository drives;
  private final DriveOffers offers;
  private final DriveWriter writer;
  private final RecoveryPasswords passwords;
  private final SeedshipCodec codec;
  private final EncryptionMethod method;
  private final Duration progressInterval;
  private final int maxConcurrent;
  private final TransactionTemplate transactions;
  private final Clock clock;

  public WriteDrivesWork(String copyMachine, PrepSeedRepository seeds, PrepDriveRepository drives, DriveOffers offers,
                         DriveWriter writer, RecoveryPasswords passwords, SeedshipCodec codec, EncryptionMethod method,
                         Duration progressInterval, int maxConcurrent, TransactionTemplate transactions, Clock clock) {
    this.copyMachine = copyMachine;
    this.seeds = seeds;
    this.drives = drives;
    this.offers = offers;
    this.writer = writer;
    this.passwords = passwords;
    this.codec = codec;
    this.method = method;
    this.progressInterval = progressInterval;
    this.maxConcurrent = maxConcurrent;
    this.transactions = transactions;
    this.clock = clock;
  }

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public SeedStage stage() {
    return SeedStage.DISK_PREP;
  }

  @Override
  public int maxConcurrent() {
    return maxConcurrent;
  }

  @Override
  public void run(WorkContext context) throws Exception {
    try {
      writeAll(context);
    } catch (SeedEnded e) {
      log.info("seed {} is {}: its drive write stops here", context.seedId(), e.state);
    }
  }

  private void writeAll(WorkContext context) throws Exception {
    PrepSeed seed = seeds.require(context.seedId());
    if (seed.state() != PrepState.WRITING) {
      return; // written already (a repeated run), or cancelled
    }
    SeedAccepted accepted = codec.decode(seed.accepted(), SeedAccepted.class);
    StagedData data;
    try {
      data = StagedData.read(Path.of(seed.stagingDir()), seed.manifestSha256(), accepted.getRequest().getContainer(),
          context.seedId());
    } catch (StagedDataException e) {
      throw WorkFailure.of(e.field(), e.getMessage(), "restore the staging location as staged, then request the seed"
          + " again");
    }
    List<PrepDrive> confirmed = drives.findBySeedIdOrderByDriveIndex(context.seedId());
    offers.refresh();
    List<DriveTarget> targets = new ArrayList<>();
    for (PrepDrive d : confirmed) {
      // the device node may have changed since the confirmation (a drive plugged again): the serial decides
      DriveOffer offer = offers.bySerial(d.serial()).orElseThrow(() -> new DriveException(d.device(),
          "drive " + d.serial() + " is no longer attached to copy machine " + copyMachine));
      targets.add(new DriveTarget(offer.drive().device(), d.serial(), offer.drive().sizeBytes()));
    }
    SpanPlan plan;
    try {
      plan = SpanPlanner.plan(data.files(), targets);
    } catch (DriveException e) {
      throw WorkFailure.of("driveSerialNumbers", e.getMessage(), "the confirmed drives cannot hold the seed: confirm"
          + " more or larger drives for it (the seed must be requested again)");
    }
    Map<String, PrepDrive> bySerial = confirmed.stream().collect(Collectors.toMap(PrepDrive::serial,
        Function.identity()));
    int count = plan.drives().size();
    List<PrepDrive> written = new ArrayList<>();
    for (DrivePlan drivePlan : plan.drives()) {
      context.checkpoint();
      PrepDrive drive = drives.findById(drivePlan.target().driveId()).orElseThrow();
      if (drive.state() != DriveWriteState.WRITTEN) {
        drive = write(context, drive, drivePlan, count);
      }
      written.add(drive);
    }
    List<String> used = written.stream().map(PrepDrive::serial).toList();
    List<PrepDrive> unused = confirmed.stream().filter(d -> !used.contains(d.serial())).toList();
    context.finish(tx -> {
      if (seeds.findByIdForUpdate(seed.seedId()).map(PrepSeed::state).orElse(null) != PrepState.WRITING) {
        return; // cancelled meanwhile: nothing is announced
      }
      // drives the plan did not need were never touched: they are free again
      unused.forEach(drives::delete);
      seeds.update(seed.written(clock.instant()));
      for (PrepDrive d : written) {
        tx.emit(DrivePrepared.newBuilder().setMetadata(context.event("drive-" + d.serial()))
            .setCopyMachine(copyMachine).setDriveId(d.serial()).setDriveIndex(d.driveIndex()).setEncryption(method)
            .setManifestFile(d.manifestFile()).setManifestHash(d.manifestHash())
            .setDriveHeaderHash(d.driveHeaderHash()).setBlobCount(d.blobCount()).setDataBytes(d.dataBytes())
            .build());
      }
      tx.schedule(CreateImportJobWork.KIND);
    });
    log.info("seed {}: {} drive(s) written and verified: {}; {} confirmed drive(s) not needed: {}", context.seedId(),
        written.size(), used, unused.size(), unused.stream().map(PrepDrive::serial).toList());
  }

  private PrepDrive write(WorkContext context, PrepDrive drive, DrivePlan plan, int count) throws Exception {
    String serial = drive.serial();
    RecoveryPassword password;
    if (drive.recoveryPassword() == null) {
      Path journal = writer.journalFile(serial);
      if (Files.exists(journal)) {
        throw WorkFailure.of(serial, "drive " + serial + " has a write journal (" + journal + ") but this agent holds"
            + " no recovery password for it: was the agent's database replaced? A drive is never formatted twice",
            "if the drive is really free, erase its first and last MiB and remove its journal, then request the seed"
                + " again");
      }
      DriveOffer offer = offers.bySerial(serial).orElseThrow();
      var prepared = InventoryReports.notPrepared(offer);
      if (prepared.isPresent()) {
        throw WorkFailure.of(serial, prepared.get().message(), "confirm other drives (the seed must be requested"
            + " again)");
      }
      writer.check(plan); // refusals that need no password, before one is made for the drive
      password = passwords.generate();
      drive = drive.writing(passwords.seal(serial, password));
      keep(context, drive); // kept before the first byte is written: a crash from here on resumes with it
    } else {
      password = passwords.open(serial, drive.recoveryPassword());
    }
    log.info("seed {}: writing drive {} ({} of {}) on {}, {} bytes", context.seedId(), serial, drive.driveIndex(),
        count, plan.target().device(), plan.dataBytes());
    WrittenDrive done = writer.write(plan, password, progress(context, drive, count));
    context.checkpoint();
    VerifyReport report = DriveVerifier.verify(plan.target().device(), password, readBack(context, serial));
    if (!report.ok()) {
      List<String> first = report.problems().subList(0, Math.min(5, report.problems().size()));
      throw WorkFailure.of(serial, "drive " + serial + " does not read back as written (" + report.problems().size()
          + " problem(s)): " + String.join("; ", first),
          "replace drive " + serial + " and confirm drives again (the seed must be requested again)");
    }
    drive = drive.written(done.manifestFile(), done.manifestHash(), done.driveHeaderHash(), done.blobs(),
        done.dataBytes(), clock.instant());
    keep(context, drive);
    return drive;
  }

  /**
   * Records a drive's change only while this work holds the seed's write: under the seed's row lock, which a cancel
   * holds while it ends the seed, so the cancel either sees the change (and names the drive) or stops the write here.
   */
  private void keep(WorkContext context, PrepDrive drive) {
    transactions.executeWithoutResult(status -> {
      context.checkpoint();
      PrepState state = seeds.findByIdForUpdate(context.seedId()).map(PrepSeed::state).orElse(null);
      if (state != PrepState.WRITING) {
        throw new SeedEnded(state);
      }
      drives.update(drive);
    });
  }

  /** Reading a drive back takes as long as writing it: a lost lease or a cancel stops it within a progress interval. */
  private ProgressListener readBack(WorkContext context, String serial) {
    return new ProgressListener() {
      Instant last = clock.instant();

      @Override
      public void written(long bytesDone, long bytesTotal) {
        Instant now = clock.instant();
        if (Duration.between(last, now).compareTo(progressInterval) >= 0) {
          context.progress(null, "drive " + serial + ": read back " + bytesDone + " of " + bytesTotal + " bytes");
          last = now;
        }
      }
    };
  }

  /** Reports every {@code progressInterval} from the writing thread, with the rate since the last report. */
  private ProgressListener progress(WorkContext context, PrepDrive drive, int count) {
    return new ProgressListener() {
      Instant last = clock.instant();
      long lastBytes = 0;

      @Override
      public void written(long bytesDone, long bytesTotal) {
        Instant now = clock.instant();
        Duration since = Duration.between(last, now);
        if (since.compareTo(progressInterval) < 0 && bytesDone < bytesTotal) {
          return;
        }
        context.checkpoint();
        long rate = since.toMillis() <= 0 ? 0 : (bytesDone - lastBytes) * 1000 / since.toMillis();
        Long left = rate <= 0 ? null : (bytesTotal - bytesDone) / rate;
        context.progress(DriveWriteProgress.newBuilder().setMetadata(context.progressEvent())
            .setCopyMachine(copyMachine).setDriveId(drive.serial()).setDriveIndex(drive.driveIndex())
            .setDriveCount(count).setBytesDone(bytesDone).setBytesTotal(bytesTotal).setBytesPerSecond(rate)
            .setSecondsLeft(left).build(), "drive " + drive.serial() + ": " + bytesDone + " of " + bytesTotal
            + " bytes");
        last = now;
        lastBytes = bytesDone;
      }
    };
  }

  /** The seed left WRITING while its drives were being written (a cancel): this work stops, recording nothing more. */
  private static final class SeedEnded extends RuntimeException {
    final PrepState state;

    SeedEnded(PrepState state) {
      super("the seed is " + state + ", no longer being written", null, false, false);
      this.state = state;
    }
  }

  /** The seed failed: drives never touched are free again; a drive with a password keeps it (and its journal). */
  @Override
  public void failed(WorkContext context, SeedFailed failure) {
    seeds.findById(context.seedId()).ifPresent(seed -> seeds.update(seed.failed(clock.instant())));
    drives.findBySeedIdOrderByDriveIndex(context.seedId()).stream()
        .filter(d -> d.state() == DriveWriteState.CONFIRMED).forEach(drives::delete);
  }

  @Override
  public String whatToDo(Throwable cause) {
    return "see the agent's log on copy machine " + copyMachine + " for the drive that failed; the drives written so"
        + " far keep their journals and resume where they stopped once the cause is fixed and the seed requested again";
  }
}
