package io.seedship.cli.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a command prints: a table (or one record as aligned {@code key value} lines) for people, the same data as
 * JSON or YAML for scripts ({@code -o json}, {@code -o yaml}).
 */
public final class Output {

  public enum Format { table, json, yaml }

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
      .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER).enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

  private final Format format;
  private final PrintWriter out;

  public Output(Format format, PrintWriter out) {
    this.format = format;
    this.out = out;
  }

  public Format format() {
    return format;
  }

  /** Rows with the same keys, in order; a table has a column per key. */
  public void rows(List<? extends Map<String, ?>> rows, List<String> columns) {
    if (format != Format.table) {
      structured(rows);
      return;
    }
    List<String[]> cells = new ArrayList<>();
    cells.add(columns.stream().map(c -> c.toUpperCase(java.util.Locale.ROOT)).toArray(String[]::new));
    for (Map<String, ?> row : rows) {
      cells.add(columns.stream().map(c -> text(row.get(c))).toArray(String[]::new));
    }
    int[] widths = new int[columns.size()];
    for (String[] row : cells) {
      for (int i = 0; i < row.length; i++) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    for (String[] row : cells) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.length; i++) {
        line.append(i == row.length - 1 ? row[i] : String.format("%-" + widths[i] + "s  ", row[i]));
      }
      out.println(line.toString().stripTrailing());
    }
    out.flush();
  }

  /** One record: {@code key  value} lines in a table, an object in JSON or YAML. */
  public void record(Map<String, ?> record) {
    if (format != Format.table) {
      structured(record);
      return;
    }
    int width = record.keySet().stream().mapToInt(String::length).max().orElse(0);
    record.forEach((k, v) -> out.println(String.format("%-" + width + "s  %s", k, text(v))));
    out.flush();
  }

  /** A line for people; nothing in JSON or YAML, where only the data is printed. */
  public void note(String line) {
    if (format == Format.table) {
      out.println(line);
      out.flush();
    }
  }

  private void structured(Object value) {
    try {
      out.print((format == Format.json ? JSON : YAML).writeValueAsString(value));
      if (format == Format.json) {
        out.println();
      }
      out.flush();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot print " + value.getClass().getSimpleName() + " as " + format, e);
    }
  }

  private static String text(Object value) {
    return value == null ? "-" : String.valueOf(value);
  }
}
