package io.seedship.cert.serverfiles;

import io.seedship.cert.certificate.IssuedCertificate;
import io.seedship.cert.certificate.TestCertificates;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.net.URI;
import java.util.Arrays;

/** Params describing the shared test certificate. */
final class TestParams {

  static final String TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";
  static final String SUBSCRIPTION = "0b1f6471-1bf0-4dda-aec3-111122223333";
  static final String AZURE_USER = "5d4c3b2a-1f0e-4d9c-8b7a-695847362514";
  static final String APPLICATION = "a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d";
  static final String OBJECT = "f0e1d2c3-b4a5-4968-8776-655443322110";

  private TestParams() {}

  static OfflineApplicationParams base() {
    IssuedCertificate issued = TestCertificates.issued();
    return new OfflineApplicationParams("AzureCloud", URI.create("https://login.microsoftonline.com/"), TENANT,
        SUBSCRIPTION, AZURE_USER, APPLICATION, OBJECT, OfflineApplicationParams.displayNameFor(AZURE_USER),
        TestCertificates.RESOURCE_ID, issued.certificate().getSubjectX500Principal().getName(), issued.thumbprint(),
        issued.certificate().getNotBefore().toInstant(), issued.certificate().getNotAfter().toInstant(), null, null);
  }

  /** {@link #base()} with one component replaced, by record component name. */
  static OfflineApplicationParams with(String component, Object value) {
    OfflineApplicationParams p = base();
    Object[] v = {p.cloudName(), p.authorityHost(), p.tenantId(), p.subscriptionId(), p.azureUserId(), p.applicationId(),
        p.objectId(), p.displayName(), p.resourceId(), p.certificateSubject(), p.thumbprint(), p.notBefore(),
        p.notAfter(), p.storageAccount(), p.resourceGroup()};
    RecordComponent[] components = OfflineApplicationParams.class.getRecordComponents();
    for (int i = 0; i < components.length; i++) {
      if (components[i].getName().equals(component)) {
        v[i] = value;
        try {
          return (OfflineApplicationParams) OfflineApplicationParams.class
              .getDeclaredConstructor(Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new))
              .newInstance(v);
        } catch (InvocationTargetException e) {
          throw (RuntimeException) e.getCause();
        } catch (ReflectiveOperationException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    throw new IllegalArgumentException("no component " + component);
  }
}
