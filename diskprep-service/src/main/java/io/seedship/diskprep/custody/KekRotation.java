package io.seedship.diskprep.custody;

import io.seedship.diskprep.persistence.PrepDrive;
import io.seedship.diskprep.persistence.PrepDriveRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Finishes a rotation of the agent's key-encryption key at startup: with a new {@code kek-file} and the old one in
 * {@code previous-kek-files}, every recovery password still sealed under an old KEK is sealed again under the new
 * one, each drive in its own transaction. Passwords stay readable throughout; once this has run (its log line says
 * how many), the old KEK can be dropped from {@code previous-kek-files}.
 */
public final class KekRotation implements ApplicationRunner {

  private static final Logger log = LoggerFactory.getLogger(KekRotation.class);

  private final PrepDriveRepository drives;
  private final RecoveryPasswords passwords;
  private final TransactionTemplate tx;

  public KekRotation(PrepDriveRepository drives, RecoveryPasswords passwords, TransactionTemplate tx) {
    this.drives = drives;
    this.passwords = passwords;
    this.tx = tx;
  }

  @Override
  public void run(ApplicationArguments args) {
    int resealed = 0;
    for (PrepDrive drive : drives.findAll()) {
      if (drive.recoveryPassword() != null && passwords.needsRewrap(drive.recoveryPassword())) {
        tx.executeWithoutResult(status -> drives.findById(drive.serial())
            .filter(current -> current.recoveryPassword() != null && passwords.needsRewrap(current.recoveryPassword()))
            .ifPresent(current -> drives.update(current.resealed(
                passwords.rewrap(current.serial(), current.recoveryPassword())))));
        resealed++;
      }
    }
    if (resealed > 0) {
      log.info("re-sealed {} recovery password(s) under key-encryption key {}; the previous keys may now be retired",
          resealed, passwords.activeKeyId());
    }
  }
}
