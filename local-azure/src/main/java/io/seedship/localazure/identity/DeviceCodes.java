package io.seedship.localazure.identity;

import io.seedship.localazure.LocalAzureProperties;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The device authorization grant's codes (RFC 8628, as Entra answers it), in memory: a long random device code the
 * client polls with, a short user code the user types at the verification page, the client and scope they were asked
 * for, and whether the user approved or declined. A code answers once approved and is then forgotten; an expired one
 * answers {@code expired_token} for a while, then is forgotten too. Real time, as tokens: it is the user's patience,
 * not the virtual story. Nothing here logs, and no message carries a device code.
 */
@Component
public class DeviceCodes {

  /** RFC 8628 §6.1: consonants only, so a code spells no word and has no 0/O or 1/I to confuse. */
  private static final String USER_CODE_ALPHABET = "BCDFGHJKLMNPQRSTVWXZ";
  /** 20^8 codes: the user types it, and a local tenant never has many waiting. */
  private static final int USER_CODE_LENGTH = 8;

  enum State { PENDING, APPROVED, DECLINED }

  /** What the devicecode endpoint hands out; the device code is the client's secret for polling. */
  public record Issued(String deviceCode, String userCode, Duration lifetime, Duration interval) {
    @Override
    public String toString() {
      return "Issued[user code " + userCode + ", for " + lifetime + "]";
    }
  }

  /** A code the user may still approve or decline: who asked, for what. */
  public record Pending(String clientId, String scope) {
  }

  private static final class Entry {
    private final String deviceCode;
    private final String userCode;
    private final String clientId;
    private final String scope;
    private final Instant expiresAt;
    private State state = State.PENDING;

    private Entry(String deviceCode, String userCode, String clientId, String scope, Instant expiresAt) {
      this.deviceCode = deviceCode;
      this.userCode = userCode;
      this.clientId = clientId;
      this.scope = scope;
      this.expiresAt = expiresAt;
    }
  }

  private final Duration lifetime;
  private final Duration interval;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();
  private final Map<String, Entry> byDeviceCode = new HashMap<>();
  private final Map<String, Entry> byUserCode = new HashMap<>();

  @Autowired
  public DeviceCodes(LocalAzureProperties properties) {
    this(properties.getDeviceCode(), Clock.systemUTC());
  }

  DeviceCodes(LocalAzureProperties.DeviceCode settings, Clock clock) {
    this.lifetime = settings.getLifetime();
    this.interval = settings.getInterval();
    if (lifetime.toSeconds() < 1 || interval.toSeconds() < 1 || interval.toNanos() % 1_000_000_000L != 0) {
      throw new IllegalStateException("local-azure.device-code: lifetime must be at least one second and interval "
          + "whole seconds, at least one (they are " + lifetime + " and " + interval + ")");
    }
    this.clock = clock;
  }

  /** A new pair of codes for {@code clientId} and {@code scope}, pending until the user answers or it expires. */
  public synchronized Issued issue(String clientId, String scope) {
    forgetExpired();
    byte[] bytes = new byte[48];
    random.nextBytes(bytes);
    String deviceCode = "DAQ.local-azure." + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    String userCode;
    do {
      userCode = newUserCode();
    } while (byUserCode.containsKey(userCode));
    Entry entry = new Entry(deviceCode, userCode, clientId, scope, clock.instant().plus(lifetime));
    byDeviceCode.put(deviceCode, entry);
    byUserCode.put(userCode, entry);
    return new Issued(deviceCode, userCode, lifetime, interval);
  }

  /**
   * The code the user typed, while it waits for an answer: AADSTS70018 when no such code waits (mistyped, or already
   * answered), AADSTS70019 when it has expired. Case, spaces and dashes do not matter.
   */
  public synchronized Pending pending(String userCode) {
    Entry entry = waiting(userCode);
    return new Pending(entry.clientId, entry.scope);
  }

  /** The user's answer at the verification page: the code then tells its client so at the next poll. */
  public synchronized void answer(String userCode, boolean approved) {
    waiting(userCode).state = approved ? State.APPROVED : State.DECLINED;
  }

  /**
   * The client's poll with {@code deviceCode}: the scope to issue the user's tokens for once approved (the code is
   * then spent), or Entra's refusal: authorization_pending, authorization_declined, expired_token, or
   * bad_verification_code for a code never issued to this client or already redeemed.
   */
  public synchronized String redeem(String deviceCode, String clientId) {
    Entry entry = byDeviceCode.get(deviceCode);
    if (entry == null || !entry.clientId.equalsIgnoreCase(clientId)) {
      throw new OAuthException(400, "bad_verification_code", 70018, "The provided value for the input parameter "
          + "'device_code' is not valid: it was not issued to this client, or it was already redeemed.");
    }
    if (expired(entry)) {
      throw expiredToken();
    }
    return switch (entry.state) {
      case PENDING -> throw new OAuthException(400, "authorization_pending", 70016, "OAuth 2.0 device flow error. "
          + "Authorization is pending. Continue polling.");
      // Entra's reference names no AADSTS code for a device flow the user cancels: 65004 is its "user declined"
      case DECLINED -> {
        forget(entry);
        throw new OAuthException(400, "authorization_declined", 65004,
            "The user declined to sign in to the application on the device.");
      }
      case APPROVED -> {
        forget(entry);
        yield entry.scope;
      }
    };
  }

  private Entry waiting(String userCode) {
    Entry entry = userCode == null ? null : byUserCode.get(normalize(userCode));
    if (entry == null || entry.state != State.PENDING) {
      throw new OAuthException(400, "bad_verification_code", 70018, "Invalid verification code: no sign-in waits "
          + "for this code. Check the code shown on the device, or start the sign-in there again.");
    }
    if (expired(entry)) {
      throw expiredToken();
    }
    return entry;
  }

  private boolean expired(Entry entry) {
    return !clock.instant().isBefore(entry.expiresAt);
  }

  private static OAuthException expiredToken() {
    return new OAuthException(400, "expired_token", 70019, "Verification code expired. Have the user retry the "
        + "sign-in.");
  }

  /** Expired codes keep answering expired_token for another lifetime, then go, so memory does not grow. */
  private void forgetExpired() {
    Instant horizon = clock.instant().minus(lifetime);
    byDeviceCode.values().stream().filter(e -> e.expiresAt.isBefore(horizon)).toList().forEach(this::forget);
  }

  private void forget(Entry entry) {
    byDeviceCode.remove(entry.deviceCode);
    byUserCode.remove(entry.userCode);
  }

  private String newUserCode() {
    StringBuilder code = new StringBuilder(USER_CODE_LENGTH);
    for (int i = 0; i < USER_CODE_LENGTH; i++) {
      code.append(USER_CODE_ALPHABET.charAt(random.nextInt(USER_CODE_ALPHABET.length())));
    }
    return code.toString();
  }

  static String normalize(String userCode) {
    return userCode.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
  }
}
