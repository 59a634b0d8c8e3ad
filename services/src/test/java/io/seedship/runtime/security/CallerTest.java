package io.seedship.runtime.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;

class CallerTest {

  static Jwt token(String... claims) {
    Jwt.Builder builder = Jwt.withTokenValue("t").header("alg", "RS256").issuedAt(Instant.now())
        .expiresAt(Instant.now().plusSeconds(60));
    for (int i = 0; i < claims.length; i += 2) {
      builder.claim(claims[i], claims[i + 1]);
    }
    return builder.build();
  }

  @Test
  void aPersonIsNamedBySignInAndAnApplicationByClientId() {
    Caller person = Caller.of(token("upn", "ops@contoso.com", "oid", "o-1", "appid", "cli-1"));
    Caller app = Caller.of(token("oid", "o-2", "appid", "cli-2"));

    assertThat(person.name()).isEqualTo("ops@contoso.com");
    assertThat(person.objectId()).isEqualTo("o-1");
    assertThat(app.name()).isEqualTo("app:cli-2");
    assertThat(app.roles()).isEmpty();
  }

  @Test
  void aClaimedNameIsRecordedWithTheSignedInCaller() {
    Caller person = Caller.of(token("upn", "ops@contoso.com", "appid", "cli-1"));
    Caller app = Caller.of(token("appid", "cli-2"));

    assertThat(person.attribute(null)).isEqualTo("ops@contoso.com");
    assertThat(person.attribute(" OPS@contoso.com ")).isEqualTo("ops@contoso.com");
    assertThat(person.attribute("ceo@contoso.com")).isEqualTo("ceo@contoso.com (signed in as ops@contoso.com)");
    assertThat(app.attribute("")).isEqualTo("app:cli-2");
    assertThat(app.attribute("night shift")).isEqualTo("night shift (via app:cli-2)");
  }

  @Test
  void rolesComeFromTheRolesClaim() {
    Jwt jwt = Jwt.withTokenValue("t").header("alg", "RS256").claim("appid", "c")
        .claim("roles", List.of("Seedship.Operator", "Other.Role")).build();
    assertThat(Caller.of(jwt).roles()).containsExactly("Seedship.Operator", "Other.Role");
    assertThat(SeedshipSecurityAutoConfiguration.rolesConverter().convert(jwt).getAuthorities())
        .extracting(a -> a.getAuthority()).filteredOn(a -> a.startsWith("ROLE_")).containsExactly("ROLE_OPERATOR");
  }
}
