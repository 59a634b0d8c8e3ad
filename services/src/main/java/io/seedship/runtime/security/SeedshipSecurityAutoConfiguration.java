package io.seedship.runtime.security;

import io.seedship.runtime.azure.AzureClients;
import io.seedship.runtime.azure.AzureProperties;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.client.RestTemplate;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every Seedship service is an OAuth2 resource server: a request carries an Entra ID (or local-azure) access token for
 * the Seedship API, checked for signature, issuer, audience and lifetime, and each endpoint names the application role
 * it needs ({@link EndpointRoles}). Health and readiness stay open for probes; every other actuator endpoint needs
 * {@link SeedshipRole#SRE}. Stateless: no session, no cookie, so no CSRF to guard against.
 */
@AutoConfiguration(beforeName = {"org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
    "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
    "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
    "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
    "org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration"})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(SecurityProperties.class)
@EnableWebSecurity
@EnableMethodSecurity
public class SeedshipSecurityAutoConfiguration {

  @Bean
  SecurityFilterChain seedshipSecurityFilterChain(HttpSecurity http, JwtDecoder decoder) throws Exception {
    http.authorizeHttpRequests(requests -> requests
            .requestMatchers(EndpointRequest.to("health")).permitAll()
            .requestMatchers(EndpointRequest.toAnyEndpoint()).hasRole(SeedshipRole.SRE.name())
            .requestMatchers("/error").permitAll()
            .anyRequest().authenticated())
        .oauth2ResourceServer(server -> server
            .jwt(jwt -> jwt.decoder(decoder).jwtAuthenticationConverter(rolesConverter()))
            .authenticationEntryPoint(new RefusalResponses.Unauthenticated())
            .accessDeniedHandler(new RefusalResponses.Forbidden()))
        .exceptionHandling(errors -> errors
            .authenticationEntryPoint(new RefusalResponses.Unauthenticated())
            .accessDeniedHandler(new RefusalResponses.Forbidden()))
        .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .csrf(csrf -> csrf.disable())
        .httpBasic(basic -> basic.disable())
        .formLogin(form -> form.disable())
        .logout(logout -> logout.disable())
        .requestCache(cache -> cache.disable());
    return http.build();
  }

  @Bean
  JwtDecoder seedshipJwtDecoder(SecurityProperties security, AzureProperties azure) {
    RestTemplate http = new RestTemplate(new JdkClientHttpRequestFactory(HttpClient.newBuilder()
        .sslContext(AzureClients.sslContext(azure)).connectTimeout(Duration.ofSeconds(10)).build()));
    TokenIssuers issuers = TokenIssuers.of(security, azure, http);
    if (security.getAudiences() == null || security.getAudiences().isEmpty()) {
      throw new IllegalArgumentException("seedship.security.audiences must name the Seedship API's application ID URI "
          + "or client id");
    }
    NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(issuers.jwkSetUri()).restOperations(http).build();
    List<String> audiences = List.copyOf(security.getAudiences());
    decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
        new JwtTimestampValidator(security.getClockSkew()),
        claim("iss", jwt -> jwt.getIssuer() != null && trusted(issuers, jwt.getIssuer().toString()),
            "the token's issuer is not one this service trusts"),
        claim("aud", jwt -> jwt.getAudience() != null && jwt.getAudience().stream().anyMatch(audiences::contains),
            "the token is not for the Seedship API (audience " + String.join(" or ", audiences) + ")")));
    return decoder;
  }

  /** Operators, key custodians and SREs also read. */
  @Bean
  static RoleHierarchy roleHierarchy() {
    RoleHierarchyImpl.Builder builder = RoleHierarchyImpl.withDefaultRolePrefix();
    for (SeedshipRole role : SeedshipRole.values()) {
      if (role != SeedshipRole.READER) {
        builder.role(role.name()).implies(SeedshipRole.READER.name());
      }
    }
    return builder.build();
  }

  @Bean
  EndpointRoles seedshipEndpointRoles(ObjectProvider<RequestMappingHandlerMapping> mappings) {
    return new EndpointRoles(mappings.orderedStream().toList());
  }

  @Bean
  RefusalResponses.ForbiddenAdvice seedshipForbiddenAdvice() {
    return new RefusalResponses.ForbiddenAdvice();
  }

  /** The token's {@code roles} claim as authorities; roles Seedship does not define grant nothing. */
  static JwtAuthenticationConverter rolesConverter() {
    JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
    converter.setJwtGrantedAuthoritiesConverter(jwt -> {
      Collection<GrantedAuthority> authorities = new ArrayList<>();
      List<String> roles = jwt.hasClaim("roles") ? jwt.getClaimAsStringList("roles") : List.of();
      roles.forEach(value -> SeedshipRole.ofAppRole(value)
          .ifPresent(role -> authorities.add(new SimpleGrantedAuthority(role.authority()))));
      return authorities;
    });
    return converter;
  }

  /** An issuer that cannot be looked up yet (local-azure down) is not trusted: 401, not 500. */
  private static boolean trusted(TokenIssuers issuers, String issuer) {
    try {
      return issuers.issuers().contains(issuer);
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static OAuth2TokenValidator<Jwt> claim(String name, java.util.function.Predicate<Jwt> valid,
                                                 String description) {
    OAuth2Error error = new OAuth2Error("invalid_token", description, null);
    return jwt -> valid.test(jwt) ? OAuth2TokenValidatorResult.success() : OAuth2TokenValidatorResult.failure(error);
  }
}
