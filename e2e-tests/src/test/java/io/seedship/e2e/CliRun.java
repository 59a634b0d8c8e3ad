package io.seedship.e2e;

import io.seedship.cli.SeedshipCli;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/** One run of the {@code seedship} command in this JVM, with a configuration and the operator's answers. */
record CliRun(int exit, String out, String err) {

  static CliRun of(Path config, String... args) {
    return of(config, new ByteArrayInputStream(new byte[0]), args);
  }

  static CliRun of(Path config, InputStream input, String... args) {
    CommandLine commandLine = SeedshipCli.commandLine();
    ((SeedshipCli) commandLine.getCommand()).input(input);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--config=" + config);
    int exit = commandLine.execute(all.toArray(String[]::new));
    return new CliRun(exit, out.toString(), err.toString());
  }
}
