package io.seedship.runtime.azure;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ArmIdTest {

  @Test
  void anImportJobAndAStorageAccountNameTheirSubscriptionGroupAndName() {
    assertThat(ArmId.parse("/subscriptions/5eed5417-0000-4000-8000-000000000001/resourceGroups/Backup-RG/providers"
        + "/Microsoft.ImportExport/jobs/seed-1234")).contains(new ArmId("5eed5417-0000-4000-8000-000000000001",
        "Backup-RG", "seed-1234"));
    assertThat(ArmId.parse("/SUBSCRIPTIONS/s/resourcegroups/rg/providers/Microsoft.Storage/storageAccounts/acct"))
        .contains(new ArmId("s", "rg", "acct"));
  }

  @Test
  void whatIsNotAResourceIdIsEmpty() {
    assertThat(ArmId.parse(null)).isEmpty();
    assertThat(ArmId.parse("seed-1234")).isEmpty();
    assertThat(ArmId.parse("/subscriptions/s/resourceGroups/rg")).isEmpty();
    assertThat(ArmId.parse("/subscriptions/s/resourceGroups/rg/providers/Microsoft.Storage")).isEmpty();
  }
}
