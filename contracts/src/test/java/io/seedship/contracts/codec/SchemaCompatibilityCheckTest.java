package io.seedship.contracts.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.avro.Schema;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SchemaCompatibilityCheckTest {

  static final String V1 = """
      {"type":"record","name":"Probe","namespace":"io.seedship.test","fields":[
        {"name":"seedId","type":"string"},
        {"name":"bytes","type":"long"},
        {"name":"note","type":["null","string"],"default":null},
        {"name":"state","type":{"type":"enum","name":"S","symbols":["A","B","UNKNOWN"],"default":"UNKNOWN"}}]}""";

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      optional field added            | {"name":"rate","type":["null","double"],"default":null}                         | true  |
      required field added            | {"name":"rate","type":"double"}                                                  | false | backward
      field with default added        | {"name":"count","type":"int","default":0}                                        | true  |
      """)
  void addingAField(String change, String newField, boolean compatible, String direction) {
    Schema v2 = new Schema.Parser().parse(V1.replace("]}\"", "]}").replaceFirst("]}$", "," + newField + "]}"));
    List<SchemaCompatibilityCheck.Problem> problems = SchemaCompatibilityCheck.check(v2, List.of(parse(V1)));
    assertThat(problems.isEmpty()).as(problems.toString()).isEqualTo(compatible);
    if (!compatible) {
      assertThat(problems).anyMatch(p -> p.direction().startsWith(direction));
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      field type changed            | "name":"bytes","type":"long"   | "name":"bytes","type":"string"
      required field removed        | {"name":"bytes","type":"long"}, |
      field renamed without alias   | "name":"seedId"                | "name":"seed"
      enum symbol dropped, no default | ["A","B","UNKNOWN"],"default":"UNKNOWN" | ["A","UNKNOWN"]
      """)
  void incompatibleChangesAreCaught(String change, String from, String to) {
    Schema v2 = parse(V1.replace(from, to == null ? "" : to));
    assertThat(SchemaCompatibilityCheck.check(v2, List.of(parse(V1)))).isNotEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      optional field removed       | {"name":"note","type":["null","string"],"default":null}, |
      enum symbol added (default)  | ["A","B","UNKNOWN"]                                       | ["A","B","C","UNKNOWN"]
      enum symbol removed (default)| ["A","B","UNKNOWN"]                                       | ["A","UNKNOWN"]
      """)
  void compatibleChangesPass(String change, String from, String to) {
    Schema v2 = parse(V1.replace(from, to == null ? "" : to));
    assertThat(SchemaCompatibilityCheck.check(v2, List.of(parse(V1)))).isEmpty();
  }

  static Schema parse(String json) {
    return new Schema.Parser().parse(json);
  }
}
