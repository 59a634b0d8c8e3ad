package io.seedship.diskprep.work;

import io.seedship.contracts.codec.SeedshipCodec;
import io.seedship.contracts.command.SeedRequest;
import io.seedship.contracts.common.SeedStage;
import io.seedship.contracts.outcome.SeedFailed;
import io.seedship.contracts.diskprep.ImportJobCreated;
import io.seedship.contracts.staging.SeedAccepted;
import io.seedship.diskprep.custody.RecoveryPasswords;
import io.seedship.diskprep.persistence.DriveWriteState;
import io.seedship.diskprep.persistence.PrepDrive;
import io.seedship.diskprep.persistence.PrepDriveRepository;
import io.seedship.diskprep.persistence.PrepSeed;
import io.seedship.diskprep.persistence.PrepSeedRepository;
import io.seedship.diskprep.persistence.PrepState;
import io.seedship.runtime.azure.AzureClients;
import io.seedship.runtime.azure.importjobs.Datacenter;
import io.seedship.runtime.azure.importjobs.ImportDrive;
import io.seedship.runtime.azure.importjobs.ImportJobNameTaken;
import io.seedship.runtime.azure.importjobs.ImportJobRequest;
import io.seedship.runtime.azure.importjobs.ImportJobStatus;
import io.seedship.runtime.azure.importjobs.ImportJobs;
import io.seedship.runtime.work.StageWork;
import io.seedship.runtime.work.WorkContext;
import io.seedship.runtime.work.WorkFailure;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every drive of a seed is written: create its import job with the drive list (serial, BitLocker recovery password,
 * manifest file and hash, drive header hash), the return address and shipping, then ImportJobCreated with where to
 * ship the drives. Through the runtime's {@link ImportJobs}, which adopts a job of that name that already exists for
 * the same account and drives (a crash between Azure's answer and this commit), so a job is never created twice. A
 * cancel takes the lease: a job Azure created just before cannot be announced, stays in Creating with no drive shipped,
 * and Azure deletes it after two weeks.
 */
public class CreateImportJobWork implements StageWork {

  public static final String KIND = "create-import-job";
  private static final Logger log = LoggerFactory.getLogger(CreateImportJobWork.class);

  private final PrepSeedRepository seeds;
  private final PrepDriveRepository drives;
  private final RecoveryPasswords passwords;
  private final AzureClients azure;
  private final SeedshipCodec codec;
  private final String diagnosticsPath;
  private final Clock clock;

  public CreateImportJobWork(PrepSeedRepository seeds, PrepDriveRepository drives, RecoveryPasswords passwords,
                             AzureClients azure, SeedshipCodec codec, String diagnosticsPath, Clock clock) {
    this.seeds = seeds;
    this.drives = drives;
    this.passwords = passwords;
    this.azure = azure;
    this.codec = codec;
    this.diagnosticsPath = diagnosticsPath;
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
  public void run(WorkContext context) {
    PrepSeed seed = seeds.require(context.seedId());
    if (seed.state() != PrepState.WRITTEN) {
      return; // created already (a repeated run), or cancelled
    }
    SeedRequest request = codec.decode(seed.accepted(), SeedAccepted.class).getRequest();
    List<PrepDrive> written = drives.findBySeedIdOrderByDriveIndex(context.seedId()).stream()
        .filter(d -> d.state() == DriveWriteState.WRITTEN).toList();
    List<ImportDrive> importDrives = new ArrayList<>();
    for (PrepDrive d : written) {
      importDrives.add(new ImportDrive(d.serial(), passwords.open(d.serial(), d.recoveryPassword()).reveal(),
          d.manifestFile(), d.manifestHash(), d.driveHeaderHash()));
    }
    // the account's id as Azure spells it; a missing account fails here, before any job exists
    var account = azure.storage(request.getSubscriptionId())
        .get(request.getResourceGroup(), request.getStorageAccount());
    String accountId = account.id();
    // drives go to the datacenter of the region the request names, else of the storage account's
    String location = request.getLocation() != null ? request.getLocation() : account.location();
    ImportJobs jobs = azure.importJobs(request.getSubscriptionId());
    ImportJobStatus job;
    // checked against the work's row: a cancel heard meanwhile asks Azure for nothing
    context.progress(null, "creating import job " + request.getImportJobName() + " in " + location);
    try {
      job = jobs.create(new ImportJobRequest(request.getResourceGroup(), request.getImportJobName(),
          location, accountId, importDrives, request.getReturnAddress(), request.getReturnShipping(),
          diagnosticsPath));
    } catch (ImportJobNameTaken e) {
      throw WorkFailure.of("importJobName", e.getMessage(), "request the seed again with an import job name of its"
          + " own; the drives are written and keep their recovery passwords on this copy machine");
    }
    Datacenter datacenter = jobs.datacenter(location);
    context.finish(tx -> {
      if (seeds.findByIdForUpdate(seed.seedId()).map(PrepSeed::state).orElse(null) != PrepState.WRITTEN) {
        return; // cancelled meanwhile: the job stays in Creating, and Azure deletes it after two weeks
      }
      seeds.update(seed.jobCreated(job.jobName(), job.id(), clock.instant()));
      tx.emit(ImportJobCreated.newBuilder().setMetadata(context.event("import-job")).setImportJobName(job.jobName())
          .setImportJobId(job.id()).setLocation(location).setStorageAccountId(accountId)
          .setDriveIds(written.stream().map(PrepDrive::serial).toList()).setShippingAddress(datacenter.address())
          .setSupportedCarriers(datacenter.supportedCarriers())
          .setAlternateLocations(datacenter.alternateLocations()).build());
    });
    log.info("seed {}: import job {} created with drives {}; ship them to {}", context.seedId(), job.jobName(),
        written.stream().map(PrepDrive::serial).toList(), location);
  }

  @Override
  public void failed(WorkContext context, SeedFailed failure) {
    seeds.findById(context.seedId()).ifPresent(seed -> seeds.update(seed.failed(clock.instant())));
  }

  @Override
  public String whatToDo(Throwable cause) {
    return "check the agent's Azure access (subscription, resource group, storage account, location) in its log; the"
        + " drives stay written and their recovery passwords stay on this copy machine";
  }
}
