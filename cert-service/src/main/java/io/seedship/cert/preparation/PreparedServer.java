package io.seedship.cert.preparation;

import io.seedship.cert.persistence.OfflineCertificateRow;
import java.nio.file.Path;
import java.util.List;

/** What a preparation left: the application, its proven certificate of ours, and the server's files. */
public record PreparedServer(String tenantId, String azureUserId, String displayName, String applicationId,
                             String objectId, OfflineCertificateRow certificate, String serverName,
                             List<Path> serverFiles) {
}
