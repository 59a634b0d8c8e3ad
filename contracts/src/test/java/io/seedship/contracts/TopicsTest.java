package io.seedship.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.junit.jupiter.api.Test;

class TopicsTest {

  /** Names that would suggest a field holds key material or a password. */
  static final Pattern SECRET_NAME = Pattern.compile(
      "(?i).*(password|secret|privatekey|private_key|storagekey|accountkey|accesskey|bitlockerkey|recoverykey|pfx|pkcs12).*");

  @Test
  void everyMessageTypeTravelsOnExactlyOneTopicAndCarriesTheEnvelope() {
    for (var type : Topics.messageTypes()) {
      assertThat(Topics.ALL.stream().filter(t -> t.carries(type)).count()).as(type.getName()).isEqualTo(1);
      Schema schema = SpecificData.get().getSchema(type);
      assertThat(schema.getField(Records.METADATA_FIELD)).as(type.getName()).isNotNull();
      assertThat(schema.getField(Records.METADATA_FIELD).pos()).isZero();
    }
  }

  @Test
  void topicNamesAreUniqueAndOnlyTheStatusTopicIsCompacted() {
    Set<String> names = new HashSet<>();
    Topics.ALL.forEach(t -> assertThat(names.add(t.name())).as(t.name()).isTrue());
    assertThat(Topics.ALL.stream().filter(Topic::compacted)).containsExactly(Topics.SEED_STATUS);
    assertThat(Topics.byName("seedship.seed.outcomes")).contains(Topics.SEED_OUTCOMES);
  }

  @Test
  void theCatalogCoversEveryCommandOfTheOperator() {
    assertThat(Topics.COMMANDS.valueTypes()).extracting(Class::getSimpleName)
        .containsExactlyInAnyOrder("RequestSeed", "ConfirmDriveFormat", "RegisterShipment", "CancelSeed");
  }

  @Test
  void noFieldOfAnyMessageIsNamedLikeASecret() {
    List<String> offenders = new ArrayList<>();
    Topics.messageTypes().stream().map(t -> SpecificData.get().getSchema(t)).forEach(s -> collectSecretFields(s, s.getFullName(), offenders, new HashSet<>()));
    assertThat(offenders).isEmpty();
    List<String> probe = new ArrayList<>();
    collectSecretFields(new Schema.Parser().parse("""
        {"type":"record","name":"Bad","fields":[{"name":"recoveryPassword","type":"string"}]}"""), "Bad", probe,
        new HashSet<>());
    assertThat(probe).containsExactly("Bad.recoveryPassword");
  }

  private static void collectSecretFields(Schema schema, String path, List<String> offenders, Set<String> seen) {
    switch (schema.getType()) {
      case RECORD -> {
        if (!seen.add(schema.getFullName())) {
          return;
        }
        for (Schema.Field f : schema.getFields()) {
          if (SECRET_NAME.matcher(f.name()).matches()) {
            offenders.add(path + "." + f.name());
          }
          collectSecretFields(f.schema(), path + "." + f.name(), offenders, seen);
        }
      }
      case UNION -> schema.getTypes().forEach(t -> collectSecretFields(t, path, offenders, seen));
      case ARRAY -> collectSecretFields(schema.getElementType(), path + "[]", offenders, seen);
      case MAP -> collectSecretFields(schema.getValueType(), path + "{}", offenders, seen);
      default -> { }
    }
  }
}
