package io.seedship.runtime.security;

import java.util.Arrays;
import java.util.Optional;

/**
 * The application roles of the Seedship API, as its Entra app registration defines them (the values appear in the
 * access token's {@code roles} claim). Each grants Spring authority {@code ROLE_<name()>}; every role also reads
 * ({@link SeedshipSecurityAutoConfiguration#roleHierarchy()}).
 */
public enum SeedshipRole {
  /** Sees seeds, their status and certificates. */
  READER("Seedship.Reader"),
  /** Requests and cancels seeds, confirms drive formatting, registers shipments, renews certificates. */
  OPERATOR("Seedship.Operator"),
  /** Exports certificates with their private keys and retrieves BitLocker recovery passwords. */
  KEY_CUSTODIAN("Seedship.KeyCustodian"),
  /** Replays events, handles dead letters, reads metrics and the other actuator endpoints. */
  SRE("Seedship.Sre");

  private final String appRole;

  SeedshipRole(String appRole) {
    this.appRole = appRole;
  }

  /** The value in the token's {@code roles} claim. */
  public String appRole() {
    return appRole;
  }

  /** The Spring Security authority this role grants. */
  public String authority() {
    return "ROLE_" + name();
  }

  public static Optional<SeedshipRole> ofAppRole(String value) {
    return Arrays.stream(values()).filter(r -> r.appRole.equals(value)).findFirst();
  }
}
