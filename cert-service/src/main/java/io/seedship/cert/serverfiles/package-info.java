/**
 * The files a backup server (MARS, DPM, MABS on Windows) needs for Azure Backup offline seeding, written by
 * {@link io.seedship.cert.serverfiles.ServerFiles}. No private key is written here.
 *
 * <h2>Where they go on the server</h2>
 * <ul>
 *   <li>{@code OfflineApplicationParams.xml} and {@code OfflineApplicationParams_<storageaccount>.xml}: the agent's
 *       Scratch folder (by default {@code C:\Program Files\Microsoft Azure Recovery Services Agent\Scratch}).
 *   <li>{@code AzureADAppCertThumbprint_<azureUserId>.reg}: {@code reg import} it; it sets the string value
 *       {@code AzureADAppCertThumbprint_<azureUserId>} = thumbprint under
 *       {@code HKEY_LOCAL_MACHINE\SOFTWARE\Microsoft\Windows Azure Backup\Config\CloudBackupProvider}. UTF-16LE with a
 *       byte order mark, CRLF line ends: regedit's own export format.
 *   <li>{@code <thumbprint>.cer}: not for the server; the public certificate to upload to the Entra ID application in
 *       the portal when Seedship may not update the application.
 * </ul>
 * The certificate with its private key goes into the server's {@code LocalMachine\My} store from the PKCS#12 that
 * {@link io.seedship.cert.certificate.Pkcs12} makes.
 *
 * <h2>The params XML: our format, not Microsoft's</h2>
 * AzureOfflineBackupCertGen.exe writes files of the same names, but Microsoft does not publish their schema. This is
 * Seedship's own documented format, made to carry everything the server could need; whether a given agent version
 * reads it in place of the tool's output is to be verified on a real server, and a converter to Microsoft's layout can
 * be added once it is known. UTF-8, CRLF, one element per field, in this order:
 * <pre>{@code
 * <?xml version="1.0" encoding="UTF-8"?>
 * <OfflineApplicationParams xmlns="urn:seedship:offline-application-params:1" SchemaVersion="1">
 *   <CloudName>AzureCloud</CloudName>
 *   ...
 * </OfflineApplicationParams>
 * }</pre>
 * <table>
 *   <caption>Elements (all required unless marked). The last column is our understanding of what the server uses
 *   the value for, from Microsoft's description of the workflow, not from its code</caption>
 *   <tr><th>Element</th><th>Meaning</th><th>Backup server needs it to</th></tr>
 *   <tr><td>CloudName</td><td>AzureCloud, AzureUSGovernment, AzureChinaCloud (or Local: Seedship's emulation)</td>
 *       <td>pick the cloud's endpoints</td></tr>
 *   <tr><td>AuthorityHost</td><td>Entra ID authority URL, e.g. https://login.microsoftonline.com/</td>
 *       <td>sign in as the application</td></tr>
 *   <tr><td>TenantId</td><td>the Entra ID tenant (GUID)</td><td>sign in as the application</td></tr>
 *   <tr><td>SubscriptionId</td><td>subscription of the vault and storage accounts (GUID)</td>
 *       <td>address the storage account and the import job</td></tr>
 *   <tr><td>AzureUserId</td><td>the Azure user the application is for (GUID); names the registry value</td>
 *       <td>find the thumbprint in the registry</td></tr>
 *   <tr><td>ApplicationId</td><td>the application's client id (GUID)</td><td>sign in as the application</td></tr>
 *   <tr><td>ObjectId</td><td>the application object's id (GUID)</td><td>nothing known; for operators and tools</td></tr>
 *   <tr><td>DisplayName</td><td>AzureOfflineBackup_&lt;AzureUserId&gt;</td><td>nothing known; for operators</td></tr>
 *   <tr><td>ResourceId</td><td>the server's registration id in the vault</td><td>match the file to this server</td></tr>
 *   <tr><td>CertificateSubject</td><td>CN=CB_AzureADCertforOfflineSeeding_&lt;ResourceId&gt;</td>
 *       <td>find the certificate in its store</td></tr>
 *   <tr><td>CertificateThumbprint</td><td>SHA-1 thumbprint, 40 upper-case hex digits (also in the registry)</td>
 *       <td>find the certificate in its store</td></tr>
 *   <tr><td>NotBefore, NotAfter</td><td>the certificate's validity, ISO-8601 UTC</td>
 *       <td>nothing known; for operators (when to renew)</td></tr>
 *   <tr><td>StorageAccount</td><td>per-account files only: the storage account (3-24 lowercase letters, digits)</td>
 *       <td>stage the seeding data</td></tr>
 *   <tr><td>ResourceGroup</td><td>per-account files only: the storage account's resource group</td>
 *       <td>address the storage account</td></tr>
 * </table>
 * {@link io.seedship.cert.serverfiles.ServerFiles#readParams} reads the format back, refusing DTDs, unknown or
 * repeated elements and any other SchemaVersion.
 */
package io.seedship.cert.serverfiles;
