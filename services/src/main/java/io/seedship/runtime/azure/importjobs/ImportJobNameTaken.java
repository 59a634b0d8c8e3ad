package io.seedship.runtime.azure.importjobs;

/** The job name belongs to a different job (another storage account or other drives): it cannot be adopted. */
public class ImportJobNameTaken extends RuntimeException {

  public ImportJobNameTaken(String message) {
    super(message);
  }
}
