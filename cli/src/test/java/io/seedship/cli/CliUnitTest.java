package io.seedship.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.seedship.cli.failure.CliFailure;
import io.seedship.cli.failure.Exit;
import io.seedship.cli.output.Output;
import io.seedship.cli.token.TokenCache;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command's pieces that need no running system: the token cache's clock, tables, usage errors. */
class CliUnitTest {

  @TempDir
  Path dir;

  @Test
  void aKeptTokenServesUntilShortlyBeforeItExpiresAndNamesItsCallerAndRoles() {
    Instant now = Instant.parse("2026-12-02T10:00:00Z");
    String claims = "{\"upn\":\"ops@example.com\",\"roles\":[\"Seedship.Operator\"]}";
    String jwt = "e30." + Base64.getUrlEncoder().withoutPadding().encodeToString(claims.getBytes(
        StandardCharsets.UTF_8)) + ".c2ln";
    Path file = dir.resolve("cli.properties.token");
    new TokenCache(file, Clock.fixed(now, ZoneOffset.UTC)).save(jwt, now.plusSeconds(3600));

    TokenCache.Token token = new TokenCache(file, Clock.fixed(now.plusSeconds(3000), ZoneOffset.UTC)).current();
    assertThat(token.caller()).isEqualTo("ops@example.com");
    assertThat(token.roles()).containsExactly("Seedship.Operator");
    assertThat(token.toString()).doesNotContain(jwt);
    assertThatThrownBy(() -> new TokenCache(file, Clock.fixed(now.plusSeconds(3590), ZoneOffset.UTC)).current())
        .isInstanceOf(CliFailure.class).hasMessageContaining("expired").hasMessageContaining("seedship login");
  }

  @Test
  void aTableAlignsItsColumnsAndShowsAbsentValuesAsADash() {
    StringWriter out = new StringWriter();
    Map<String, Object> first = new LinkedHashMap<>();
    first.put("seed", "a");
    first.put("state", "STAGING");
    Map<String, Object> second = new LinkedHashMap<>();
    second.put("seed", "bbbbbb");
    second.put("state", null);
    new Output(Output.Format.table, new PrintWriter(out)).rows(List.of(first, second), List.of("seed", "state"));
    assertThat(out.toString().lines()).containsExactly("SEED    STATE", "a       STAGING", "bbbbbb  -");
  }

  @Test
  void everyCommandAnswersHelpWithItsUsage() {
    for (String[] command : List.of(new String[] {"replay"}, new String[] {"seed", "request"},
        new String[] {"deadletters", "redrive"}, new String[] {"ship", "show"})) {
      CommandLine cli = SeedshipCli.commandLine();
      StringWriter out = new StringWriter();
      cli.setOut(new PrintWriter(out, true));
      List<String> args = new java.util.ArrayList<>(List.of(command));
      args.add("--help");
      assertThat(cli.execute(args.toArray(String[]::new))).as(String.join(" ", args)).isEqualTo(Exit.OK);
      assertThat(out.toString()).as(String.join(" ", args)).contains("Usage: seedship " + String.join(" ", command));
    }
  }

  @Test
  void aMissingArgumentIsBadInputWithAHint() throws Exception {
    CommandLine cli = SeedshipCli.commandLine();
    StringWriter err = new StringWriter();
    cli.setErr(new PrintWriter(err, true));
    Path config = Files.writeString(dir.resolve("cli.properties"), "tenant-id=t\n");
    assertThat(cli.execute("drives", "confirm", "seed-1", "--config=" + config)).isEqualTo(Exit.BAD_INPUT);
    assertThat(err.toString()).contains("SERIAL").contains("--help");
  }
}
