package io.seedship.cli.keys;

import io.seedship.cli.failure.CliFailure;
import io.seedship.cli.failure.Exit;
import io.seedship.cli.session.Session;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code seedship cert export}: a backup server's certificate with its private key (key custodian; audited). */
@Command(name = "cert", description = "Backup servers' certificates.", subcommands = {CertCommand.Export.class})
public final class CertCommand {

  @ParentCommand
  Session cli;

  @Command(name = "export",
      description = "A backup server's certificate with its private key, as PKCS#12 (to a file only).")
  static final class Export implements Callable<Integer> {

    @ParentCommand
    CertCommand keys;

    @Parameters(paramLabel = "THUMBPRINT", description = "the certificate's SHA-1 thumbprint")
    String thumbprint;

    @Option(names = "--to-file", required = true, description = "a new file (mode 600) for the .pfx")
    Path file;

    @Option(names = "--password-file", description = "a file holding the password the .pfx is sealed with "
        + "(default: none)")
    Path passwordFile;

    @Override
    public Integer call() {
      String password = "";
      if (passwordFile != null) {
        try {
          password = java.nio.file.Files.readString(passwordFile).strip();
        } catch (java.io.IOException e) {
          throw new CliFailure(Exit.BAD_INPUT, "--password-file " + passwordFile + ": " + e.getMessage());
        }
      }
      byte[] pfx = keys.cli.api().postForBytes("cert-service", "/api/certificates/" + thumbprint + "/export",
          Map.of("password", password), "application/x-pkcs12");
      SecretFiles.write(file, pfx, "--to-file");
      keys.cli.err().println("certificate " + thumbprint + " with its private key written to " + file + " (mode 600)");
      keys.cli.err().flush();
      return Exit.OK;
    }
  }
}
