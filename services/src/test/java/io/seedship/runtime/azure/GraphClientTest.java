package io.seedship.runtime.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.identity.UsernamePasswordCredentialBuilder;
import io.seedship.localazure.LocalAzure;
import io.seedship.localazure.LocalAzureProperties;
import io.seedship.localazure.test.TestLocalAzure;
import io.seedship.runtime.azure.core.AzureException;
import io.seedship.runtime.azure.graph.GraphApplication;
import io.seedship.runtime.azure.graph.GraphApplication.KeyCredential;
import io.seedship.runtime.azure.graph.GraphClient;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;

/** Graph applications, certificate sign-in and the signed-in user, with tokens from local-azure's Entra endpoint. */
class GraphClientTest {

  private final LocalAzure azure = TestLocalAzure.shared();
  private final AzureClients clients = LocalAzureClients.create(azure);
  private final GraphClient graph = clients.graph();

  @Test
  void graphIsBuiltOncePerAzureClients() {
    // each GraphClient builds an AuthorizationManager with its own pipeline: a service keeps the one it has
    assertThat(clients.graph()).isSameAs(graph).isSameAs(clients.graph());
  }

  @Test
  void anExistingApplicationKeepsItsCredentialsAndGainsOursOnce() throws Exception {
    String name = "AzureOfflineBackup_" + UUID.randomUUID();
    assertThat(graph.findByDisplayName(name)).isEmpty();
    GraphApplication app = graph.create(name);
    assertThat(graph.findByDisplayName(name)).map(GraphApplication::appId).contains(app.appId());

    Certificate foreign = Certificate.make("CN=someone else's");
    graph.addCertificate(app.id(), foreign.credential());
    Certificate ours = Certificate.make("CN=CB_AzureADCertforOfflineSeeding_test");
    GraphApplication updated = graph.addCertificate(app.id(), ours.credential());
    assertThat(updated.keyCredentials()).extracting(KeyCredential::thumbprint)
        .containsExactlyInAnyOrder(foreign.thumbprint(), ours.thumbprint());

    GraphApplication replayed = graph.addCertificate(app.id(), ours.credential());
    assertThat(replayed.keyCredentials()).hasSize(2);
    assertThat(replayed.keyCredentials().toString()).doesNotContain(ours.credential().key());
  }

  @Test
  void onlyARegisteredCertificateSignsIn() throws Exception {
    GraphApplication app = graph.create("AzureOfflineBackup_" + UUID.randomUUID());
    Certificate ours = Certificate.make("CN=CB_AzureADCertforOfflineSeeding_proof");
    graph.addCertificate(app.id(), ours.credential());
    String tenant = azure.properties().getTenantId();

    assertThat(clients.proveCertificate(tenant, app.appId(), ours.pem())).isAfter(OffsetDateTime.now());
    Certificate stranger = Certificate.make("CN=CB_AzureADCertforOfflineSeeding_stranger");
    assertThatThrownBy(() -> clients.proveCertificate(tenant, app.appId(), stranger.pem()))
        .isInstanceOfSatisfying(AzureException.Unauthorized.class, e -> {
          assertThat(e.getMessage()).contains(app.appId()).contains("AADSTS700027");
          assertThat(e.getMessage()).doesNotContain("PRIVATE KEY");
        });
  }

  @Test
  void theSignedInUserNeedsADelegatedToken() {
    LocalAzureProperties.User user = azure.properties().getUser();
    AzureClients asUser = AzureClients.create(LocalAzureClients.properties(azure), new UsernamePasswordCredentialBuilder()
        .tenantId(azure.properties().getTenantId())
        .clientId(azure.properties().getApp().getClientId())
        .username(user.getUserPrincipalName())
        .password(user.getPassword())
        .authorityHost(azure.authorityHost())
        .disableInstanceDiscovery()
        .httpClient(clients.httpClient())
        .build(), List.of());
    assertThat(asUser.graph().signedInUserObjectId()).isEqualTo(user.getObjectId());
    assertThatThrownBy(() -> graph.signedInUserObjectId())
        .isInstanceOfSatisfying(AzureException.BadRequest.class, e -> assertThat(e.getMessage()).contains("delegated"));
  }

  @Test
  void missingApplicationsAreTypedNotFound() {
    assertThatThrownBy(() -> graph.get(UUID.randomUUID().toString()))
        .isInstanceOfSatisfying(AzureException.NotFound.class, e -> assertThat(e.code()).isEqualTo("Request_ResourceNotFound"));
  }

  /** A self-signed certificate and its key, as cert-service makes them. */
  record Certificate(X509Certificate x509, byte[] pem) {

    static Certificate make(String subject) throws Exception {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      KeyPair keys = generator.generateKeyPair();
      Instant now = Instant.now();
      X500Principal name = new X500Principal(subject);
      X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(
          name, BigInteger.valueOf(now.toEpochMilli()), Date.from(now.minus(Duration.ofHours(1))),
          Date.from(now.plus(Duration.ofDays(365))), name, keys.getPublic())
          .build(new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate())));
      StringWriter text = new StringWriter();
      try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
        writer.writeObject(new JcaPKCS8Generator(keys.getPrivate(), null));
        writer.writeObject(certificate);
      }
      return new Certificate(certificate, text.toString().getBytes(StandardCharsets.US_ASCII));
    }

    KeyCredential credential() throws Exception {
      return KeyCredential.certificate("seedship", x509.getEncoded(),
          MessageDigest.getInstance("SHA-1").digest(x509.getEncoded()),
          OffsetDateTime.ofInstant(x509.getNotBefore().toInstant(), ZoneOffset.UTC),
          OffsetDateTime.ofInstant(x509.getNotAfter().toInstant(), ZoneOffset.UTC));
    }

    String thumbprint() throws Exception {
      return java.util.HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("SHA-1").digest(x509.getEncoded()));
    }
  }
}
