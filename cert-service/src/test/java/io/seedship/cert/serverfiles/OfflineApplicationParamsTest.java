package io.seedship.cert.serverfiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class OfflineApplicationParamsTest {

  @Test
  void theTestParamsAreValid() {
    OfflineApplicationParams base = TestParams.base();
    assertThat(base.displayName()).isEqualTo("AzureOfflineBackup_" + TestParams.AZURE_USER);
    assertThat(base.storageAccount()).isNull();
    OfflineApplicationParams perAccount = base.forStorageAccount(new StorageAccountRef("seedstage01", "rg-seed"));
    assertThat(perAccount.storageAccount()).isEqualTo("seedstage01");
    assertThat(perAccount.resourceGroup()).isEqualTo("rg-seed");
    assertThat(perAccount.base()).isEqualTo(base);
  }

  @Test
  void guidsNameTheirField() {
    for (String field : new String[] {"tenantId", "subscriptionId", "azureUserId", "applicationId", "objectId"}) {
      for (String bad : new String[] {"", "not-a-guid", TestParams.TENANT + "0", "{" + TestParams.TENANT + "}"}) {
        assertThatThrownBy(() -> TestParams.with(field, bad))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageStartingWith(field + ": ").hasMessageContaining("is a GUID");
      }
    }
    assertThatThrownBy(() -> TestParams.with("azureUserId", null)).hasMessageStartingWith("azureUserId: ");
  }

  @Test
  void storageAccountNamesAreThreeToTwentyFourLowercaseLettersOrDigits() {
    for (String bad : new String[] {"ab", "a".repeat(25), "SeedStage", "seed-stage", "seed_stage", "seedstäge", ""}) {
      assertThatThrownBy(() -> new StorageAccountRef(bad, "rg"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("storageAccount: ").hasMessageContaining("3 to 24 characters, lowercase letters and digits");
    }
    assertThat(new StorageAccountRef("abc", "rg").name()).isEqualTo("abc");
    assertThat(new StorageAccountRef("a".repeat(24), "rg").name()).hasSize(24);
  }

  @Test
  void resourceGroupNamesFollowAzuresRule() {
    for (String bad : new String[] {"", "ends.", "has space", "a/b", "x".repeat(91)}) {
      assertThatThrownBy(() -> new StorageAccountRef("seedstage01", bad)).hasMessageStartingWith("resourceGroup: ");
    }
    assertThat(new StorageAccountRef("seedstage01", "rg_Seed-(prod).1").resourceGroup()).isEqualTo("rg_Seed-(prod).1");
  }

  @Test
  void storageAccountAndResourceGroupComeTogether() {
    assertThatThrownBy(() -> TestParams.with("storageAccount", "seedstage01"))
        .hasMessageStartingWith("storageAccount and resourceGroup must both be set");
    assertThatThrownBy(() -> TestParams.with("resourceGroup", "rg"))
        .hasMessageStartingWith("storageAccount and resourceGroup must both be set");
  }

  @Test
  void theSubjectMustBeTheOneForTheResourceId() {
    assertThatThrownBy(() -> TestParams.with("certificateSubject", "CN=CB_AzureADCertforOfflineSeeding_other"))
        .hasMessage("certificateSubject must be CN=CB_AzureADCertforOfflineSeeding_<resourceId> for this resourceId");
    assertThatThrownBy(() -> TestParams.with("resourceId", "bad id")).hasMessageStartingWith("resourceId must be");
  }

  @Test
  void checksTheOtherFields() {
    assertThatThrownBy(() -> TestParams.with("thumbprint", "ab")).hasMessageStartingWith("thumbprint must be");
    assertThatThrownBy(() -> TestParams.with("cloudName", "Azure Cloud")).hasMessageStartingWith("cloudName must be");
    assertThatThrownBy(() -> TestParams.with("displayName", "line\nbreak")).hasMessageStartingWith("displayName must be");
    assertThatThrownBy(() -> TestParams.with("notBefore", Instant.parse("2100-01-01T00:00:00Z")))
        .hasMessage("notBefore must be before notAfter");
  }

  @Test
  void authorityHostIsHttpsExceptForTheLocalCloud() {
    assertThatThrownBy(() -> TestParams.with("authorityHost", URI.create("http://login.microsoftonline.com/")))
        .hasMessageStartingWith("authorityHost must be an https URL");
    assertThatThrownBy(() -> TestParams.with("authorityHost", URI.create("https://user@login.example/")))
        .hasMessageStartingWith("authorityHost must be");
    assertThatThrownBy(() -> TestParams.with("authorityHost", URI.create("/relative"))).hasMessageStartingWith("authorityHost must be");
    OfflineApplicationParams base = TestParams.base();
    OfflineApplicationParams local = new OfflineApplicationParams("Local", URI.create("http://localhost:8081/"),
        base.tenantId(), base.subscriptionId(), base.azureUserId(), base.applicationId(), base.objectId(),
        base.displayName(), base.resourceId(), base.certificateSubject(), base.thumbprint(), base.notBefore(),
        base.notAfter(), null, null);
    assertThat(local.authorityHost().getScheme()).isEqualTo("http");
  }
}
