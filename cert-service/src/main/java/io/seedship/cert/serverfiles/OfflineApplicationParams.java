package io.seedship.cert.serverfiles;

import io.seedship.cert.certificate.OfflineCertificates;
import io.seedship.cert.certificate.Thumbprints;
import io.seedship.runtime.azure.AzureNames;
import java.net.URI;
import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What the backup server is told about its offline seeding application, written by {@link ServerFiles} as
 * {@code OfflineApplicationParams.xml} (and, with {@link #storageAccount} and {@link #resourceGroup} set,
 * {@code OfflineApplicationParams_<storageaccount>.xml}). The package documentation describes each field's element.
 *
 * @param cloudName the Azure cloud: {@code AzureCloud}, {@code AzureUSGovernment}, {@code AzureChinaCloud}, or
 *     {@code Local} for Seedship's local Azure emulation
 * @param authorityHost the Entra ID authority, e.g. {@code https://login.microsoftonline.com/} (http only for Local)
 * @param tenantId the Entra ID tenant (directory) id
 * @param subscriptionId the subscription of the vault and storage accounts
 * @param azureUserId the id of the Azure user the application is for; it names the application and the registry value
 * @param applicationId the application's (client) id
 * @param objectId the application object's id
 * @param displayName the application's name, {@code AzureOfflineBackup_<azureUserId>} (see {@link #displayNameFor})
 * @param resourceId the backup server's registration id in the vault
 * @param certificateSubject {@code CN=CB_AzureADCertforOfflineSeeding_<resourceId>}
 * @param thumbprint the certificate's thumbprint (40 upper-case hex digits)
 * @param notBefore the certificate's start of validity
 * @param notAfter the certificate's end of validity
 * @param storageAccount null in the base file; the storage account in a per-account file
 * @param resourceGroup null in the base file; the storage account's resource group in a per-account file
 */
public record OfflineApplicationParams(
    String cloudName,
    URI authorityHost,
    String tenantId,
    String subscriptionId,
    String azureUserId,
    String applicationId,
    String objectId,
    String displayName,
    String resourceId,
    String certificateSubject,
    String thumbprint,
    Instant notBefore,
    Instant notAfter,
    String storageAccount,
    String resourceGroup) {

  public static final String LOCAL_CLOUD = "Local";
  private static final Pattern CLOUD_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9]{0,63}");

  public OfflineApplicationParams {
    if (cloudName == null || !CLOUD_NAME.matcher(cloudName).matches()) {
      throw new IllegalArgumentException("cloudName must be a name like AzureCloud, AzureUSGovernment or AzureChinaCloud");
    }
    requireAuthorityHost(authorityHost, LOCAL_CLOUD.equals(cloudName));
    AzureNames.require("tenantId", tenantId, id -> AzureNames.guid(id, "tenantId"));
    AzureNames.require("subscriptionId", subscriptionId, id -> AzureNames.guid(id, "subscriptionId"));
    AzureNames.require("azureUserId", azureUserId, id -> AzureNames.guid(id, "azureUserId"));
    AzureNames.require("applicationId", applicationId, id -> AzureNames.guid(id, "applicationId"));
    AzureNames.require("objectId", objectId, id -> AzureNames.guid(id, "objectId"));
    if (displayName == null || displayName.isBlank() || displayName.length() > 120
        || displayName.chars().anyMatch(Character::isISOControl)) {
      throw new IllegalArgumentException("displayName must be 1 to 120 characters without control characters");
    }
    OfflineCertificates.requireResourceId(resourceId);
    if (!OfflineCertificates.subjectFor(resourceId).equals(certificateSubject)) {
      throw new IllegalArgumentException("certificateSubject must be " + OfflineCertificates.SUBJECT_PREFIX
          + "<resourceId> for this resourceId");
    }
    Thumbprints.require("thumbprint", thumbprint);
    Objects.requireNonNull(notBefore, "notBefore");
    Objects.requireNonNull(notAfter, "notAfter");
    if (!notBefore.isBefore(notAfter)) {
      throw new IllegalArgumentException("notBefore must be before notAfter");
    }
    if ((storageAccount == null) != (resourceGroup == null)) {
      throw new IllegalArgumentException("storageAccount and resourceGroup must both be set (per-account file)"
          + " or both be null (base file)");
    }
    if (storageAccount != null) {
      AzureNames.require("storageAccount", storageAccount, AzureNames::storageAccount);
      AzureNames.require("resourceGroup", resourceGroup, AzureNames::resourceGroup);
    }
  }

  /** The Entra ID application's name for {@code azureUserId}, as AzureOfflineBackupCertGen.exe names it. */
  public static String displayNameFor(String azureUserId) {
    return "AzureOfflineBackup_"
        + AzureNames.require("azureUserId", azureUserId, id -> AzureNames.guid(id, "azureUserId"));
  }

  /** These params for the per-account file of {@code account}. */
  public OfflineApplicationParams forStorageAccount(StorageAccountRef account) {
    return new OfflineApplicationParams(cloudName, authorityHost, tenantId, subscriptionId, azureUserId, applicationId,
        objectId, displayName, resourceId, certificateSubject, thumbprint, notBefore, notAfter,
        account.name(), account.resourceGroup());
  }

  /** These params without a storage account: the base file's. */
  public OfflineApplicationParams base() {
    return new OfflineApplicationParams(cloudName, authorityHost, tenantId, subscriptionId, azureUserId, applicationId,
        objectId, displayName, resourceId, certificateSubject, thumbprint, notBefore, notAfter, null, null);
  }

  private static void requireAuthorityHost(URI uri, boolean local) {
    boolean ok = uri != null && uri.isAbsolute() && uri.getHost() != null && uri.getUserInfo() == null
        && uri.getQuery() == null && uri.getFragment() == null
        && ("https".equals(uri.getScheme()) || (local && "http".equals(uri.getScheme())));
    if (!ok) {
      throw new IllegalArgumentException("authorityHost must be an https URL like https://login.microsoftonline.com/"
          + " (http only for the Local cloud), without user, query or fragment");
    }
  }
}
