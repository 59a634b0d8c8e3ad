package io.seedship.contracts.codec;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;

/**
 * Seedship's evolution rule: a schema may change only in ways that are both backward compatible (the new schema
 * reads every earlier version) and forward compatible (every earlier version reads the new one), so producers and
 * consumers of any version can be upgraded in any order.
 */
public final class SchemaCompatibilityCheck {

  /** One broken rule: which earlier version, which direction, and Avro's own account of it. */
  public record Problem(String schema, int version, String direction, String location, String message) {
    @Override
    public String toString() {
      return schema + " v" + version + " (" + direction + ") at " + location + ": " + message;
    }
  }

  private SchemaCompatibilityCheck() {
  }

  /** Checks {@code current} against {@code earlier} (v1 first); returns every problem, empty when compatible. */
  public static List<Problem> check(Schema current, List<Schema> earlier) {
    List<Problem> problems = new ArrayList<>();
    for (int i = 0; i < earlier.size(); i++) {
      Schema old = earlier.get(i);
      collect(problems, current.getFullName(), i + 1, "backward: current reads v" + (i + 1), current, old);
      collect(problems, current.getFullName(), i + 1, "forward: v" + (i + 1) + " reads current", old, current);
    }
    return problems;
  }

  private static void collect(List<Problem> problems, String name, int version, String direction,
                              Schema reader, Schema writer) {
    var result = SchemaCompatibility.checkReaderWriterCompatibility(reader, writer).getResult();
    if (result.getCompatibility() != SchemaCompatibilityType.COMPATIBLE) {
      for (Incompatibility inc : result.getIncompatibilities()) {
        problems.add(new Problem(name, version, direction, inc.getLocation(),
            inc.getType() + ": " + inc.getMessage()));
      }
    }
  }
}
