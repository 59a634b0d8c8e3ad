package io.seedship.contracts.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.seedship.contracts.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.junit.jupiter.api.Test;

/**
 * The build's guard on schema evolution. Every message schema must be kept in the history, and the current schema
 * must be backward and forward compatible with every kept version.
 *
 * <p>After a deliberate, compatible change, record the new version with
 * {@code ./mvnw -pl contracts test -Dtest=SchemaHistoryTest -Dseedship.schemas.record=true} and commit the new file.
 */
class SchemaHistoryTest {

  static final Path HISTORY = Path.of("src/main/resources", SchemaHistory.ROOT);

  static List<Schema> currentSchemas() {
    return Topics.messageTypes().stream().map(t -> SpecificData.get().getSchema(t)).toList();
  }

  /** What the build checks, over any history directory: unrecorded changes and incompatibilities. */
  static List<String> verify(Path historyRoot, List<Schema> current) {
    List<String> problems = new ArrayList<>();
    for (Schema schema : current) {
      List<Schema> history = SchemaHistory.fromDirectory(historyRoot, schema.getFullName());
      if (history.isEmpty()) {
        problems.add(schema.getFullName() + ": no version kept in " + historyRoot + "; record it as v1");
        continue;
      }
      if (!history.getLast().equals(schema)) {
        problems.add(schema.getFullName() + ": changed since v" + history.size() + " but the new version is not kept;"
            + " record it as v" + (history.size() + 1) + " (-Dseedship.schemas.record=true)");
      }
      SchemaCompatibilityCheck.check(schema, history).forEach(p -> problems.add(p.toString()));
    }
    return problems;
  }

  static void record(Path historyRoot, List<Schema> current) throws IOException {
    for (Schema schema : current) {
      List<Schema> history = SchemaHistory.fromDirectory(historyRoot, schema.getFullName());
      if (history.isEmpty() || !history.getLast().equals(schema)) {
        Path file = historyRoot.resolve(schema.getFullName()).resolve("v" + (history.size() + 1) + ".avsc");
        Files.createDirectories(file.getParent());
        Files.writeString(file, schema.toString(true) + "\n");
      }
    }
  }

  @Test
  void everyMessageSchemaIsKeptAndCompatibleWithAllItsEarlierVersions() throws IOException {
    if (Boolean.getBoolean("seedship.schemas.record")) {
      record(HISTORY, currentSchemas());
    }
    assertThat(verify(HISTORY, currentSchemas())).isEmpty();
  }

  @Test
  void theKeptHistoryIsWhatTheJarCarries() {
    for (Schema schema : currentSchemas()) {
      assertThat(SchemaHistory.fromClasspath(schema.getFullName(), getClass().getClassLoader()))
          .as(schema.getFullName())
          .isEqualTo(SchemaHistory.fromDirectory(HISTORY, schema.getFullName()));
    }
  }

  @Test
  void stagingProgressEvolvedByAnOptionalFieldWithItsFirstVersionKept() {
    List<Schema> history = SchemaHistory.fromDirectory(HISTORY, "io.seedship.contracts.staging.StagingProgress");
    assertThat(history).hasSizeGreaterThanOrEqualTo(2);
    assertThat(history.getFirst().getField("estimatedSecondsRemaining")).isNull();
    assertThat(history.get(1).getField("estimatedSecondsRemaining")).isNotNull();
  }

  @Test
  void stagingCompletedEvolvedByTheSkippedEntriesWithItsFirstVersionKept() {
    List<Schema> history = SchemaHistory.fromDirectory(HISTORY, "io.seedship.contracts.staging.StagingCompleted");
    assertThat(history).hasSizeGreaterThanOrEqualTo(2);
    assertThat(history.getFirst().getField("skippedEntries")).isNull();
    Schema v2 = history.get(1);
    assertThat(v2.getField("skippedEntries").schema().getElementType().getFullName())
        .isEqualTo("io.seedship.contracts.staging.SkippedEntry");
    assertThat(v2.getField("skippedEntries").defaultVal()).isEqualTo(List.of());
    assertThat(v2.getField("skippedCount").defaultVal()).isEqualTo(0L);
  }

  @Test
  void anUnrecordedOrIncompatibleChangeFailsTheCheck(@org.junit.jupiter.api.io.TempDir Path tmp) throws IOException {
    Schema v1 = parse("""
        {"type":"record","name":"Probe","namespace":"io.seedship.test","fields":[
          {"name":"seedId","type":"string"},{"name":"bytes","type":"long"}]}""");
    record(tmp, List.of(v1));
    assertThat(verify(tmp, List.of(v1))).isEmpty();

    Schema retyped = parse("""
        {"type":"record","name":"Probe","namespace":"io.seedship.test","fields":[
          {"name":"seedId","type":"string"},{"name":"bytes","type":"string"}]}""");
    assertThat(verify(tmp, List.of(retyped)))
        .anyMatch(p -> p.contains("not kept"))
        .anyMatch(p -> p.contains("/fields/1/type") && p.contains("backward"));

    record(tmp, List.of(retyped)); // kept, yet still incompatible with v1
    assertThat(verify(tmp, List.of(retyped))).isNotEmpty().noneMatch(p -> p.contains("not kept"));
  }

  static Schema parse(String json) {
    return new Schema.Parser().parse(json);
  }
}
