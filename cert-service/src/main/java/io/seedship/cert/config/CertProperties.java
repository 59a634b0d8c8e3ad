package io.seedship.cert.config;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code seedship.cert.*}: the certificates cert-service makes and where the key-encryption key (KEK) comes from.
 * Exactly one KEK source: {@code kek-file} (a mode-600 file holding {@code id:base64}), or {@code kek} with
 * {@code kek-id} (e.g. from the environment variable SEEDSHIP_CERT_KEK). {@code previous-kek-files} still open keys
 * sealed before a rotation; those are sealed again under the active KEK when next read.
 */
@Validated
@ConfigurationProperties("seedship.cert")
public class CertProperties {

  private String kekFile;
  private String kek;
  private String kekId = "kek-1";
  private List<String> previousKekFiles = new ArrayList<>();
  /** Embedded local mode only: create kek-file when it does not exist. */
  private boolean generateKekFile;
  /** Where the files for the backup servers go, one directory per server. */
  private String serverFilesDir;
  @NotNull
  private Duration validity = Duration.ofDays(730);
  @NotNull
  private Duration renewBefore = Duration.ofDays(30);
  @Min(2048)
  private int rsaBits = 2048;
  /** Azure user (object id) when a seed request names none and the signed-in identity is not a user. */
  private String defaultAzureUserId;
  /** How long to keep asking Entra for a token with a new certificate (Entra takes a while to replicate one). */
  @NotNull
  private Duration proveTimeout = Duration.ofSeconds(40);

  public String getKekFile() { return kekFile; }
  public void setKekFile(String kekFile) { this.kekFile = kekFile; }
  public String getKek() { return kek; }
  public void setKek(String kek) { this.kek = kek; }
  public String getKekId() { return kekId; }
  public void setKekId(String kekId) { this.kekId = kekId; }
  public List<String> getPreviousKekFiles() { return previousKekFiles; }
  public void setPreviousKekFiles(List<String> previousKekFiles) { this.previousKekFiles = previousKekFiles; }
  public boolean isGenerateKekFile() { return generateKekFile; }
  public void setGenerateKekFile(boolean generateKekFile) { this.generateKekFile = generateKekFile; }
  public String getServerFilesDir() { return serverFilesDir; }
  public void setServerFilesDir(String serverFilesDir) { this.serverFilesDir = serverFilesDir; }
  public Duration getValidity() { return validity; }
  public void setValidity(Duration validity) { this.validity = validity; }
  public Duration getRenewBefore() { return renewBefore; }
  public void setRenewBefore(Duration renewBefore) { this.renewBefore = renewBefore; }
  public int getRsaBits() { return rsaBits; }
  public void setRsaBits(int rsaBits) { this.rsaBits = rsaBits; }
  public String getDefaultAzureUserId() { return defaultAzureUserId; }
  public void setDefaultAzureUserId(String defaultAzureUserId) { this.defaultAzureUserId = defaultAzureUserId; }
  public Duration getProveTimeout() { return proveTimeout; }
  public void setProveTimeout(Duration proveTimeout) { this.proveTimeout = proveTimeout; }

  @Override
  public String toString() {
    return "CertProperties[kekFile=" + kekFile + ", kek=" + (kek == null ? "unset" : "(set)") + ", kekId=" + kekId
        + ", serverFilesDir=" + serverFilesDir + ", validity=" + validity + ", renewBefore=" + renewBefore + "]";
  }
}
