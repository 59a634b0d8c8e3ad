package io.seedship.cert.serverfiles;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The registry value that tells the backup server which certificate to use, as a file for {@code reg import}: Windows
 * Registry Editor 5.00 format, which regedit reads as UTF-16LE with a byte order mark and CRLF line ends.
 */
final class RegistryFile {

  static final String KEY = "HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows Azure Backup\\Config\\CloudBackupProvider";
  static final String VALUE_PREFIX = "AzureADAppCertThumbprint_";
  private static final byte[] BOM = {(byte) 0xFF, (byte) 0xFE};

  private RegistryFile() {}

  /** The text: header, blank line, key, the string value, and the blank line regedit's own exports end with. */
  static String text(String azureUserId, String thumbprint) {
    // neither a GUID nor a thumbprint has a '"' or '\', which a .reg string value would have to escape
    return "Windows Registry Editor Version 5.00\r\n"
        + "\r\n"
        + "[" + KEY + "]\r\n"
        + "\"" + VALUE_PREFIX + azureUserId + "\"=\"" + thumbprint + "\"\r\n"
        + "\r\n";
  }

  static byte[] bytes(String azureUserId, String thumbprint) {
    byte[] text = text(azureUserId, thumbprint).getBytes(StandardCharsets.UTF_16LE);
    return ByteBuffer.allocate(BOM.length + text.length).put(BOM).put(text).array();
  }
}
