package io.seedship.localazure.recoveryservices;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.seedship.localazure.LocalAzureProperties;
import io.seedship.localazure.storage.Azurite;
import io.seedship.localazure.storage.BlobService;
import io.seedship.localazure.tls.LocalCertificates;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.function.LongConsumer;
import javax.net.ssl.SSLContext;
import org.springframework.stereotype.Component;

/**
 * Where vaults keep their backup data: one Azurite account of local-azure's own ({@code local-azure.backup
 * .storage-account}), absent from every subscription, with a container per vault. Also opens customers' accounts
 * (the seed's source, a restore's target) the way the import datacenter does.
 */
@Component
public class VaultStorage {

  /** Block size of copies: what one read and one Put Block carry. */
  static final int CHUNK = 4 * 1024 * 1024;

  private final Azurite azurite;
  private final String account;
  private final SSLContext ssl;
  private String key;

  public VaultStorage(Azurite azurite, LocalAzureProperties properties) {
    this.azurite = azurite;
    this.account = properties.getBackup().getStorageAccount();
    this.ssl = LocalCertificates.ensure(properties.getDataDir().resolve("tls"), properties.getHost()).sslContext();
    if (azurite.mode() == LocalAzureProperties.Azurite.Mode.START) {
      // known from Azurite's first start: adding it at the first backup would restart Azurite under other copies
      this.key = azurite.reserve(account, newKey());
    }
  }

  /**
   * The vaults' account. Azurite started by local-azure knows it from its start; an EXTERNAL one must list it in
   * {@code local-azure.azurite.accounts}.
   */
  synchronized BlobService vaults() {
    if (key == null) {
      String known = azurite.keyOf(account);
      key = known != null ? known : newKey();
    }
    return new BlobService(azurite.host(account, key), account, key, ssl);
  }

  /** A customer's account, from its ARM resource (as StorageAccounts answers it). */
  BlobService customer(ObjectNode storageAccount) {
    String name = storageAccount.path("name").asText();
    String accountKey = azurite.keyOf(name);
    if (accountKey == null) {
      throw new IllegalStateException("the blob service does not know storage account " + name);
    }
    return new BlobService(storageAccount.path("properties").path("primaryEndpoints").path("blob").asText(), name,
        accountKey, ssl);
  }

  /** The vault's container: a name Azure would accept, stable for the vault's id whatever its case. */
  static String container(String vaultId) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(vaultId.toLowerCase(Locale.ROOT)
          .getBytes(StandardCharsets.UTF_8));
      return "vault-" + HexFormat.of().formatHex(hash, 0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is unavailable", e);
    }
  }

  /** Copies one block blob in {@link #CHUNK}s (each checked by Content-MD5), telling {@code progress} each chunk's bytes. */
  static void copy(BlobService from, String fromContainer, String name, long length, BlobService to,
      String toContainer, String toName, LongConsumer progress) throws IOException {
    if (length == 0) {
      to.putBlob(toContainer, toName, new byte[0], "application/octet-stream");
      return;
    }
    List<String> ids = new ArrayList<>();
    for (long offset = 0; offset < length; offset += CHUNK) {
      int size = (int) Math.min(CHUNK, length - offset);
      byte[] data = from.read(fromContainer, name, offset, size);
      if (data.length != size) {
        throw new IOException("blob " + fromContainer + "/" + name + " changed while it was copied: " + data.length
            + " bytes at " + offset + ", expected " + size);
      }
      String id = Base64.getEncoder().encodeToString(String.format("%010d", ids.size())
          .getBytes(StandardCharsets.US_ASCII));
      to.putBlock(toContainer, toName, id, data, size, md5(data));
      ids.add(id);
      progress.accept(size);
    }
    to.putBlockList(toContainer, toName, ids);
  }

  private static byte[] md5(byte[] data) {
    try {
      return MessageDigest.getInstance("MD5").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("MD5 is unavailable", e);
    }
  }

  private static String newKey() {
    byte[] bytes = new byte[64];
    new SecureRandom().nextBytes(bytes);
    return Base64.getEncoder().encodeToString(bytes);
  }
}
