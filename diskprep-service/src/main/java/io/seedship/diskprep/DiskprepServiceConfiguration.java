package io.seedship.diskprep;

import io.seedship.diskprep.custody.KekRotation;
import io.seedship.contracts.codec.SeedshipCodec;
import io.seedship.contracts.diskprep.EncryptionMethod;
import io.seedship.diskprep.checks.CopyMachineCheck;
import io.seedship.diskprep.checks.DriveChecks;
import io.seedship.diskprep.config.DiskprepProperties;
import io.seedship.diskprep.custody.RecoveryPasswords;
import io.seedship.diskprep.drives.DriveFormatProperties;
import io.seedship.diskprep.inventory.DriveInventory;
import io.seedship.diskprep.inventory.DriveOffers;
import io.seedship.diskprep.inventory.ImageBayInventory;
import io.seedship.diskprep.offers.InventoryWatcher;
import io.seedship.diskprep.messaging.AcceptDriveFormatConfirmation;
import io.seedship.diskprep.messaging.CancelPrepOnCancelSeed;
import io.seedship.diskprep.offers.InventoryReports;
import io.seedship.diskprep.messaging.OfferDrivesOnStagingCompleted;
import io.seedship.diskprep.messaging.RememberSeedOnSeedAccepted;
import io.seedship.diskprep.persistence.PrepDriveRepository;
import io.seedship.diskprep.persistence.PrepSeedRepository;
import io.seedship.diskprep.web.DriveConfirmationController;
import io.seedship.diskprep.web.DrivesController;
import io.seedship.diskprep.web.RecoveryPasswordController;
import io.seedship.diskprep.work.CreateImportJobWork;
import io.seedship.diskprep.work.OfferDrivesWork;
import io.seedship.diskprep.work.WriteDrivesWork;
import io.seedship.driveformat.write.DriveWriter;
import io.seedship.runtime.azure.AzureClients;
import io.seedship.runtime.cancel.SeedCancellations;
import io.seedship.runtime.messaging.CommandGateway;
import io.seedship.runtime.messaging.EventMetadataFactory;
import io.seedship.runtime.secrets.KeyEncryptionKey;
import io.seedship.runtime.secrets.SecretSealer;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DiskprepProperties.class)
class DiskprepServiceConfiguration {

  /** The key-encryption key for recovery passwords: refused at startup when missing, so none is stored unsealed. */
  @Bean
  RecoveryPasswords recoveryPasswords(DiskprepProperties properties) throws IOException {
    Path file = Path.of(properties.kekFile());
    KeyEncryptionKey active = properties.generateKekFile() ? KeyEncryptionKey.loadOrGenerate(file)
        : KeyEncryptionKey.fromFile(file);
    List<KeyEncryptionKey> previous = new ArrayList<>();
    for (String older : properties.previousKekFiles()) {
      previous.add(KeyEncryptionKey.fromFile(Path.of(older)));
    }
    return new RecoveryPasswords(new SecretSealer("recovery password", "drive", active, previous));
  }

  @Bean
  KekRotation kekRotation(PrepDriveRepository drives, RecoveryPasswords passwords,
                          org.springframework.transaction.PlatformTransactionManager transactions) {
    return new KekRotation(drives, passwords,
        new org.springframework.transaction.support.TransactionTemplate(transactions));
  }

  @Bean
  DriveChecks driveChecks(DiskprepProperties properties) {
    return new DriveChecks(properties.allowVirtualDrives());
  }

  /** The operating system's drives, and the image bay when one is configured. */
  @Bean
  DriveOffers driveOffers(ObjectProvider<DriveInventory> system, DiskprepProperties properties) {
    List<DriveInventory> inventories = new ArrayList<>();
    if (properties.systemDrives()) {
      system.ifAvailable(inventories::add);
    }
    if (!properties.imageBay().isBlank()) {
      inventories.add(new ImageBayInventory(Path.of(properties.imageBay())));
    }
    return new DriveOffers(inventories);
  }

  @Bean
  InventoryReports inventoryReports(DiskprepProperties properties, DriveChecks checks) {
    return new InventoryReports(properties.copyMachine(), checks);
  }

  @Bean
  InventoryWatcher inventoryWatcher(DriveOffers offers, PrepSeedRepository seeds, InventoryReports reports,
                                    CommandGateway outbox, EventMetadataFactory metadata, SeedshipCodec codec,
                                    DiskprepProperties properties) {
    return new InventoryWatcher(offers, seeds, reports, outbox, metadata, codec, properties.inventoryInterval());
  }

  @Bean
  CopyMachineCheck copyMachineCheck() throws IOException {
    return CopyMachineCheck.ofThisMachine(InetAddress.getLocalHost().getHostName());
  }

  @Bean
  RememberSeedOnSeedAccepted rememberSeedOnSeedAccepted(DiskprepProperties properties, PrepSeedRepository seeds,
                                                        SeedshipCodec codec, Clock clock) {
    return new RememberSeedOnSeedAccepted(properties.copyMachine(), seeds, codec, clock);
  }

  @Bean
  OfferDrivesOnStagingCompleted offerDrivesOnStagingCompleted(PrepSeedRepository seeds,
                                                              SeedCancellations cancellations, Clock clock) {
    return new OfferDrivesOnStagingCompleted(seeds, cancellations, clock);
  }

  @Bean
  AcceptDriveFormatConfirmation acceptDriveFormatConfirmation(DiskprepProperties properties, PrepSeedRepository seeds,
                                                              PrepDriveRepository drives, DriveOffers offers,
                                                              DriveChecks checks, InventoryReports reports,
                                                              SeedCancellations cancellations, Clock clock) {
    return new AcceptDriveFormatConfirmation(properties.copyMachine(), seeds, drives, offers, checks, reports,
        cancellations, clock);
  }

  @Bean
  CancelPrepOnCancelSeed cancelPrepOnCancelSeed(PrepSeedRepository seeds, PrepDriveRepository drives,
                                                SeedCancellations cancellations, Clock clock) {
    return new CancelPrepOnCancelSeed(seeds, drives, cancellations, clock);
  }

  @Bean
  OfferDrivesWork offerDrivesWork(PrepSeedRepository seeds, DriveOffers offers, InventoryReports reports,
                                  CopyMachineCheck check, SeedshipCodec codec, Clock clock) {
    return new OfferDrivesWork(seeds, offers, reports, check, codec, clock);
  }

  @Bean
  WriteDrivesWork writeDrivesWork(DiskprepProperties properties, DriveFormatProperties drives,
                                  PrepSeedRepository seeds, PrepDriveRepository driveRows, DriveOffers offers,
                                  DriveWriter writer, RecoveryPasswords passwords, SeedshipCodec codec,
                                  org.springframework.transaction.PlatformTransactionManager transactions,
                                  Clock clock) {
    return new WriteDrivesWork(properties.copyMachine(), seeds, driveRows, offers, writer,
        passwords, codec, EncryptionMethod.valueOf(drives.cipher().name()), properties.progressInterval(),
        properties.maxConcurrentWrites(), new org.springframework.transaction.support.TransactionTemplate(transactions),
        clock);
  }

  @Bean
  CreateImportJobWork createImportJobWork(DiskprepProperties properties, PrepSeedRepository seeds,
                                          PrepDriveRepository drives, RecoveryPasswords passwords,
                                          AzureClients azure, SeedshipCodec codec, Clock clock) {
    return new CreateImportJobWork(seeds, drives, passwords, azure, codec, properties.diagnosticsPath(), clock);
  }

  @Bean
  RecoveryPasswordController recoveryPasswordController(DiskprepProperties properties, PrepDriveRepository drives,
                                                        RecoveryPasswords passwords, CommandGateway outbox,
                                                        EventMetadataFactory metadata) {
    return new RecoveryPasswordController(properties.copyMachine(), drives, passwords, outbox, metadata);
  }

  @Bean
  DrivesController drivesController(DriveOffers offers, InventoryReports reports, PrepDriveRepository drives) {
    return new DrivesController(offers, reports, drives);
  }

  @Bean
  DriveConfirmationController driveConfirmationController(DiskprepProperties properties, CommandGateway commands,
                                                          EventMetadataFactory metadata) {
    return new DriveConfirmationController(properties.copyMachine(), commands, metadata);
  }
}
