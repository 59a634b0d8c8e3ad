package io.seedship.cert.preparation;

import io.seedship.cert.persistence.BackupServerRow;
import io.seedship.cert.persistence.BackupServerStorage;
import io.seedship.cert.persistence.OfflineApplicationRow;
import io.seedship.cert.persistence.OfflineCertificateRow;
import io.seedship.cert.serverfiles.OfflineApplicationParams;
import io.seedship.cert.serverfiles.ServerFiles;
import io.seedship.cert.serverfiles.StorageAccountRef;
import io.seedship.runtime.azure.AzureClients;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/** Writes a backup server's files under {@code <server-files-dir>/<server name>/} from this service's rows. */
public class ServerFilesWriter {

  private final Path root;
  private final AzureClients azure;

  public ServerFilesWriter(Path root, AzureClients azure) {
    this.root = root;
    this.azure = azure;
  }

  public Path directory(String serverName) {
    return root.resolve(serverName);
  }

  public List<Path> write(String serverName, OfflineApplicationRow application, BackupServerRow server,
                          OfflineCertificateRow certificate, List<BackupServerStorage.Account> accounts) {
    OfflineApplicationParams params = new OfflineApplicationParams(cloudName(), 
        java.net.URI.create(azure.environment().getActiveDirectoryEndpoint()), application.tenantId(), server.subscriptionId(),
        application.azureUserId(), application.applicationId(), application.objectId(), application.displayName(),
        server.resourceId(), certificate.subject(), certificate.thumbprint(), certificate.notBefore(),
        certificate.notAfter(), null, null);
    List<StorageAccountRef> refs = accounts.stream()
        .map(a -> new StorageAccountRef(a.storageAccount(), a.resourceGroup())).toList();
    try {
      return ServerFiles.write(directory(serverName), params, refs, ServerPreparation.x509(certificate));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the files of backup server " + serverName + " in "
          + directory(serverName), e);
    }
  }

  /** The public certificate alone, for an owner to upload by hand when cert-service may not change the application. */
  public Path writePublicCertificate(String serverName, OfflineCertificateRow certificate) {
    Path dir = directory(serverName == null ? "renewals" : serverName);
    Path file = dir.resolve(certificate.thumbprint() + ".cer");
    try {
      Files.createDirectories(dir);
      Path temp = Files.createTempFile(dir, ".cer", ".tmp");
      Files.write(temp, certificate.certificate());
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  /** The cloud's name as Azure PowerShell and the backup agent spell it. */
  private String cloudName() {
    return switch (azure.properties().getCloud()) {
      case PUBLIC -> "AzureCloud";
      case US_GOVERNMENT -> "AzureUSGovernment";
      case CHINA -> "AzureChinaCloud";
      case LOCAL -> "Local";
    };
  }
}
