package io.seedship.localazure.importexport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.seedship.localazure.spec.SwaggerDefinitions;
import io.seedship.localazure.spec.SwaggerDefinitions.Violation;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Swagger-to-JSON-Schema adaptation holds Swagger's meaning, not draft 4's letter. */
class SwaggerDefinitionsTest {

  private final SwaggerDefinitions definitions = SwaggerDefinitions.importExport();

  @Test
  void theExamplesRequestsConform() {
    assertThat(definitions.validate("PutJobParameters", ImportExportFixtures.example("CreateJob").at("/parameters/body")))
        .isEmpty();
    assertThat(definitions.validate("UpdateJobParameters", ImportExportFixtures.example("UpdateJob").at("/parameters/body")))
        .isEmpty();
  }

  @Test
  void violationsNameTheJsonPathAndTheRule() {
    ObjectNode body = ImportExportFixtures.importBody("s");
    ImportExportFixtures.properties(body).put("backupDriveManifest", "yes");
    ((ObjectNode) body.at("/properties/returnShipping")).remove("carrierName");
    List<Violation> violations = definitions.validate("PutJobParameters", body);
    assertThat(violations).extracting(Violation::path, Violation::rule).containsExactly(
        org.assertj.core.groups.Tuple.tuple("$.properties.backupDriveManifest", "type"),
        org.assertj.core.groups.Tuple.tuple("$.properties.returnShipping", "required"));
    assertThat(violations.get(1).message()).contains("carrierName");
  }

  @Test
  void objectsAreObjectsEvenWithoutATypeInSwagger() {
    assertThat(definitions.validate("PutJobParameters", com.fasterxml.jackson.databind.node.TextNode.valueOf("West US")))
        .extracting(Violation::rule).containsExactly("type");
  }

  @Test
  void readOnlyIsIgnoredAndOpenEnumsAreOpen() {
    ObjectNode body = ImportExportFixtures.importBody("s");
    ImportExportFixtures.properties(body).putObject("shippingInformation").put("additionalInformation", "x");
    ((ObjectNode) body.at("/properties/driveList/0")).put("state", "SomethingNew");
    ImportExportFixtures.properties(body).putObject("encryptionKey").put("kekType", "FutureKind");
    assertThat(definitions.validate("PutJobParameters", body)).isEmpty();
  }

  @Test
  void systemDataIsInlinedAndItsIdentityTypesAreExact() {
    ObjectNode job = ImportExportFixtures.example("CreateJob").at("/responses/201/body").deepCopy();
    assertThat(definitions.validate("JobResponse", job)).extracting(Violation::path)
        .containsExactly("$.systemData.createdByType", "$.systemData.lastModifiedByType");
    ((ObjectNode) job.get("systemData")).put("createdByType", "Application").put("lastModifiedByType", "User");
    assertThat(definitions.validate("JobResponse", job)).isEmpty();
    ((ObjectNode) job.get("systemData")).put("createdAt", "yesterday");
    assertThat(definitions.validate("JobResponse", job)).extracting(Violation::path)
        .containsExactly("$.systemData.createdAt");
  }

  @Test
  void unknownDefinitionsAreAProgrammingError() {
    assertThatThrownBy(() -> definitions.validate("NoSuchThing", ImportExportFixtures.importBody("s")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NoSuchThing");
  }
}
