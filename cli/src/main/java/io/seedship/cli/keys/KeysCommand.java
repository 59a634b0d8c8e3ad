package io.seedship.cli.keys;

import com.fasterxml.jackson.databind.JsonNode;
import io.seedship.cli.failure.CliFailure;
import io.seedship.cli.failure.Exit;
import io.seedship.cli.session.Session;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * The key custodian's command for a drive's BitLocker recovery password ({@link CertCommand} exports a backup
 * server's certificate with its private key). Each hand-out is audited by the service (who, what, when, why); the secret goes to a new file with
 * mode 600, or to standard output only when asked ({@code --stdout}).
 */
@Command(name = "keys", description = "Secrets in custody (key custodian only; every hand-out is audited).",
    subcommands = {KeysCommand.RecoveryPassword.class})
public final class KeysCommand {

  @ParentCommand
  Session cli;

  /** Where a secret goes: one of the two, never both. */
  static final class Destination {
    @Option(names = "--to-file", required = true, description = "a new file (mode 600) for the secret")
    Path file;

    @Option(names = "--stdout", required = true, description = "print the secret on standard output")
    boolean stdout;
  }

  @Command(name = "recovery-password", description = "A drive's BitLocker recovery password, with the reason.")
  static final class RecoveryPassword implements Callable<Integer> {

    @ParentCommand
    KeysCommand keys;

    @Parameters(index = "0", paramLabel = "SEED", description = "the seed the drive belongs to")
    String seedId;

    @Parameters(index = "1", paramLabel = "SERIAL", description = "the drive's serial number")
    String serial;

    @Option(names = "--reason", required = true, description = "why it is needed (kept in the audit)")
    String reason;

    @ArgGroup(multiplicity = "1")
    Destination to;

    @Override
    public Integer call() {
      JsonNode handedOut = keys.cli.api().post("diskprep-service", "/api/drives/" + serial + "/recovery-password",
          Map.of("reason", reason));
      if (!seedId.equals(handedOut.path("seedId").asText())) {
        throw new CliFailure(Exit.BAD_INPUT, "drive " + serial + " belongs to seed " + handedOut.path("seedId")
            .asText() + ", not " + seedId + " (the hand-out is audited all the same)");
      }
      String password = handedOut.path("recoveryPassword").asText();
      if (to.stdout) {
        keys.cli.out().println(password);
        keys.cli.out().flush();
      } else {
        SecretFiles.write(to.file, (password + "\n").getBytes(StandardCharsets.UTF_8), "--to-file");
        keys.cli.err().println("recovery password of drive " + serial + " written to " + to.file + " (mode 600)");
        keys.cli.err().flush();
      }
      return Exit.OK;
    }
  }
}
