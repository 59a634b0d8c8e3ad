package io.seedship.cert.serverfiles;

import io.seedship.cert.certificate.Thumbprints;
import io.seedship.runtime.azure.AzureNames;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import javax.xml.stream.XMLStreamException;

/**
 * The files a backup server (MARS, DPM, MABS) needs for offline seeding with an application Seedship made, written
 * into one directory to be copied to the server:
 * <ul>
 *   <li>{@code OfflineApplicationParams.xml}: the application and certificate (goes to the agent's Scratch folder,
 *       by default {@code C:\Program Files\Microsoft Azure Recovery Services Agent\Scratch});
 *   <li>{@code OfflineApplicationParams_<storageaccount>.xml} per storage account: the same plus the account;
 *   <li>{@code AzureADAppCertThumbprint_<azureUserId>.reg}: the registry value naming the certificate, for
 *       {@code reg import};
 *   <li>{@code <thumbprint>.cer}: the public certificate (DER), for uploading it to the application by hand in the
 *       portal when Seedship may not update the application itself.
 * </ul>
 * The certificate with its private key travels separately, as a password-protected PKCS#12; no private key is ever
 * written here. The XML format is ours (Microsoft's is not public): see the package documentation.
 */
public final class ServerFiles {

  public static final String PARAMS_FILE = "OfflineApplicationParams.xml";

  private ServerFiles() {}

  public static String paramsFileName(String storageAccount) {
    return "OfflineApplicationParams_"
        + AzureNames.require("storageAccount", storageAccount, AzureNames::storageAccount) + ".xml";
  }

  public static String registryFileName(String azureUserId) {
    return RegistryFile.VALUE_PREFIX
        + AzureNames.require("azureUserId", azureUserId, id -> AzureNames.guid(id, "azureUserId")) + ".reg";
  }

  public static String certificateFileName(String thumbprint) {
    return Thumbprints.require("thumbprint", thumbprint) + ".cer";
  }

  /**
   * Writes the file set into {@code dir} (created if missing). Everything is checked before the first file is written;
   * each file is replaced atomically, and a file whose content would not change is left untouched, so a replay is a
   * no-op. Per-account files of accounts no longer listed are not removed.
   *
   * @param params the base params: no storage account; they must describe {@code certificate}
   * @param storageAccounts one per-account file each, no name twice (may be empty)
   * @return the paths of the file set in a fixed order (base XML, per-account XMLs as listed, .reg, .cer), whether
   *     rewritten or already identical
   * @throws IllegalArgumentException naming the field when the inputs disagree or break a rule
   */
  public static List<Path> write(Path dir, OfflineApplicationParams params, List<StorageAccountRef> storageAccounts,
      X509Certificate certificate) throws IOException {
    Map<Path, byte[]> files = render(dir, params, storageAccounts, certificate);
    Files.createDirectories(dir);
    for (Map.Entry<Path, byte[]> file : files.entrySet()) {
      AtomicFiles.writeIfChanged(file.getKey(), file.getValue());
    }
    return List.copyOf(files.keySet());
  }

  /**
   * Reads an {@code OfflineApplicationParams*.xml} file written by {@link #write}, for tests and tools. DTDs are refused.
   *
   * @throws IOException if it cannot be read or is not a valid params file; the message names the file and what is
   *     wrong
   */
  public static OfflineApplicationParams readParams(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return ParamsXml.read(in);
    } catch (XMLStreamException | IllegalArgumentException e) {
      throw new IOException(file + ": not a valid " + ParamsXml.ROOT + " file: " + e.getMessage(), e);
    }
  }

  /** Every file's path and bytes, all inputs checked first. */
  private static Map<Path, byte[]> render(Path dir, OfflineApplicationParams params,
      List<StorageAccountRef> storageAccounts, X509Certificate certificate) {
    Objects.requireNonNull(dir, "dir");
    Objects.requireNonNull(params, "params");
    Objects.requireNonNull(storageAccounts, "storageAccounts");
    Objects.requireNonNull(certificate, "certificate");
    if (params.storageAccount() != null) {
      throw new IllegalArgumentException("params must be the base params (storageAccount null);"
          + " the per-account files come from storageAccounts");
    }
    checkDescribes(params, certificate);
    Set<String> seen = new HashSet<>();
    for (StorageAccountRef account : storageAccounts) {
      Objects.requireNonNull(account, "storageAccounts must not contain null");
      if (!seen.add(account.name())) {
        throw new IllegalArgumentException("storageAccounts lists storage account " + account.name() + " twice");
      }
    }

    Map<Path, byte[]> files = new LinkedHashMap<>();
    files.put(dir.resolve(PARAMS_FILE), ParamsXml.write(params));
    for (StorageAccountRef account : storageAccounts) {
      files.put(dir.resolve(paramsFileName(account.name())), ParamsXml.write(params.forStorageAccount(account)));
    }
    files.put(dir.resolve(registryFileName(params.azureUserId())), RegistryFile.bytes(params.azureUserId(), params.thumbprint()));
    try {
      files.put(dir.resolve(certificateFileName(params.thumbprint())), certificate.getEncoded());
    } catch (CertificateEncodingException e) {
      throw new IllegalArgumentException("certificate cannot be DER-encoded", e);
    }
    return files;
  }

  /** The params must name this certificate, or the server would look for a certificate it does not have. */
  private static void checkDescribes(OfflineApplicationParams params, X509Certificate certificate) {
    List<String> differences = new ArrayList<>();
    if (!Thumbprints.of(certificate).equals(params.thumbprint())) {
      differences.add("thumbprint");
    }
    if (!certificate.getSubjectX500Principal().getName().equals(params.certificateSubject())) {
      differences.add("certificateSubject");
    }
    if (!certificate.getNotBefore().toInstant().equals(params.notBefore())) {
      differences.add("notBefore");
    }
    if (!certificate.getNotAfter().toInstant().equals(params.notAfter())) {
      differences.add("notAfter");
    }
    if (!differences.isEmpty()) {
      throw new IllegalArgumentException("params do not describe the certificate; these differ: "
          + String.join(", ", differences));
    }
  }
}
