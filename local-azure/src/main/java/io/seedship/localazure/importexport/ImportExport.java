package io.seedship.localazure.importexport;

/** Names shared by the Import/Export controllers: one api-version, as published, and the provider's paths. */
final class ImportExport {

  static final String API_VERSION = "2021-01-01";
  static final String PROVIDER = "/providers/Microsoft.ImportExport";
  static final String JOB_TYPE = "Microsoft.ImportExport/jobs";

  private ImportExport() {
  }
}
