package io.seedship.contracts;

import io.seedship.contracts.command.RequestSeed;
import io.seedship.contracts.command.SeedRequest;
import io.seedship.contracts.common.Cloud;
import io.seedship.contracts.common.EventMetadata;
import io.seedship.contracts.common.PostalAddress;
import io.seedship.contracts.common.Problem;
import io.seedship.contracts.common.ReturnShipping;
import io.seedship.contracts.common.SeedStage;
import io.seedship.contracts.common.WorkloadType;
import io.seedship.contracts.outcome.SeedFailed;
import io.seedship.contracts.staging.StagingProgress;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/** Realistic sample messages for tests. */
public final class Samples {

  private Samples() {
  }

  public static EventMetadata metadata(String seedId, String producer) {
    String id = UUID.randomUUID().toString();
    return EventMetadata.newBuilder().setEventId(id).setSeedId(seedId)
        .setOccurredAt(Instant.now().truncatedTo(ChronoUnit.MILLIS)).setProducer(producer)
        .setCorrelationId(id).setCausationId(null).build();
  }

  public static RequestSeed requestSeed(String seedId) {
    return RequestSeed.newBuilder().setMetadata(metadata(seedId, "operator-cli")).setRequest(SeedRequest.newBuilder()
        .setStagingLocation("/srv/staging/seed-1").setPublishSettingsFile("/etc/seedship/contoso.publishsettings")
        .setImportJobName("contoso-seed-1").setSubscriptionId("8a3c4e0e-5c9f-4c1b-9d2e-0c6f1f9b7a11")
        .setResourceGroup("backup-rg").setStorageAccount("contosostaging01").setContainer("seed-1")
        .setCloud(Cloud.AZURE_PUBLIC).setWorkloadType(WorkloadType.MARS_FILES_AND_FOLDERS)
        .setSourcePath("/data/finance").setBackupServer("FS01")
        .setReturnAddress(PostalAddress.newBuilder().setRecipientName("Contoso IT").setStreetAddress1("1 Main St")
            .setCity("Redmond").setPostalCode("98052").setCountryOrRegion("USA").setPhone("+1 425 555 0100")
            .setEmail("it@contoso.example").build())
        .setReturnShipping(ReturnShipping.newBuilder().setCarrierName("FedEx").setCarrierAccountNumber("123456789").build())
        .setCopyMachine("copy-01").setRequestedBy("sre@contoso.example").build()).build();
  }

  public static StagingProgress stagingProgress(String seedId) {
    return StagingProgress.newBuilder().setMetadata(metadata(seedId, "staging-service")).setBytesDone(1L << 30)
        .setBytesTotal(4L << 30).setFilesDone(1200).setFilesTotal(5000).setChunksWritten(3).setBytesPerSecond(2.5e8)
        .setEstimatedSecondsRemaining(13L).build();
  }

  public static SeedFailed seedFailed(String seedId) {
    return SeedFailed.newBuilder().setMetadata(metadata(seedId, "staging-service")).setStage(SeedStage.INTAKE)
        .setReason("the seed request is invalid")
        .setProblems(List.of(Problem.newBuilder().setField("storageAccount")
            .setMessage("'Contoso_01' must be 3-24 lowercase letters and digits").build()))
        .build();
  }
}
