package io.seedship.cli;

import io.seedship.cli.api.ServiceApi;
import io.seedship.cli.config.CliConfig;
import io.seedship.cli.deadletters.DeadLettersCommand;
import io.seedship.cli.drives.DrivesCommand;
import io.seedship.cli.events.EventsCommand;
import io.seedship.cli.offsets.OffsetsCommand;
import io.seedship.cli.replay.ReplayCommand;
import io.seedship.cli.keys.CertCommand;
import io.seedship.cli.keys.KeysCommand;
import io.seedship.cli.login.LoginCommand;
import io.seedship.cli.token.TokenCache;
import io.seedship.cli.failure.CliFailure;
import io.seedship.cli.failure.Exit;
import io.seedship.cli.output.Output;
import io.seedship.cli.session.Session;
import io.seedship.cli.seed.SeedCommand;
import io.seedship.cli.seed.StatusCommand;
import io.seedship.cli.shipping.ShipCommand;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * {@code seedship}: the operator's and the SRE's command line over Seedship's own interfaces, its HTTP APIs (with
 * the token of {@code seedship login}) and its public Kafka topics. Output is a table, or JSON or YAML with
 * {@code -o}; the exit codes are {@link Exit}'s.
 */
// scope INHERIT: every subcommand has --help and --version too ("seedship replay --help says more")
@Command(name = "seedship", mixinStandardHelpOptions = true, scope = ScopeType.INHERIT, version = "seedship 0.1.0",
    description = "Seeds, drives, shipments and keys of Seedship, from a terminal or a script.",
    subcommands = {LoginCommand.class, SeedCommand.class, StatusCommand.class, DrivesCommand.class, ShipCommand.class,
        KeysCommand.class, CertCommand.class, EventsCommand.class, ReplayCommand.class, DeadLettersCommand.class,
        OffsetsCommand.class, AutoComplete.GenerateCompletion.class},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:done", "1:the system did it and it failed", "2:bad input, nothing changed",
        "3:not signed in, expired, or lacking the role", "4:not found", "5:a service or the broker is unavailable",
        "6:declined at the confirmation, nothing changed",
        "7:not finished at --timeout (seed watch: no outcome yet; replay, redrive: not all taken yet)"})
public final class SeedshipCli implements Session {

  @Spec
  CommandLine.Model.CommandSpec spec;

  @Option(names = "--config", scope = ScopeType.INHERIT, description = "the configuration file (default: "
      + "$SEEDSHIP_CONFIG, ~/.seedship/cli.properties, or ./seedship-local's)")
  Path configFile;

  @Option(names = {"-o", "--output"}, scope = ScopeType.INHERIT, defaultValue = "table",
      description = "table, json or yaml (default: ${DEFAULT-VALUE})")
  Output.Format format;

  private BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
  private CliConfig config;

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The command line, with failures printed as one message on standard error and their exit code returned. */
  public static CommandLine commandLine() {
    CommandLine commandLine = new CommandLine(new SeedshipCli());
    commandLine.setExecutionExceptionHandler((e, cl, parsed) -> {
      Throwable failure = e;
      if (failure instanceof CliFailure cli) {
        cl.getErr().println("seedship: " + cli.getMessage());
        cl.getErr().flush();
        return cli.exitCode();
      }
      cl.getErr().println("seedship: " + failure.getClass().getSimpleName() + ": " + failure.getMessage());
      cl.getErr().flush();
      return Exit.FAILED;
    });
    commandLine.setParameterExceptionHandler((e, args) -> {
      e.getCommandLine().getErr().println("seedship: " + e.getMessage());
      e.getCommandLine().getErr().println("(seedship " + e.getCommandLine().getCommandName() + " --help says more)");
      e.getCommandLine().getErr().flush();
      return Exit.BAD_INPUT;
    });
    commandLine.setCaseInsensitiveEnumValuesAllowed(true);
    return commandLine;
  }

  /** Answers to confirmations come from here (a test gives its own). */
  public void input(InputStream input) {
    this.in = new BufferedReader(new InputStreamReader(input, StandardCharsets.UTF_8));
  }

  @Override
  public CliConfig config() {
    if (config == null) {
      config = CliConfig.find(configFile);
    }
    return config;
  }

  @Override
  public TokenCache tokens() {
    return new TokenCache(config().tokenFile(), Clock.systemUTC());
  }

  @Override
  public ServiceApi api() {
    TokenCache tokens = tokens();
    return new ServiceApi(config(), () -> tokens.current().accessToken(), HttpClient.newBuilder()
        .connectTimeout(Duration.ofSeconds(10)).sslContext(sslContext()).build());
  }

  @Override
  public Output output() {
    return new Output(format, out());
  }

  @Override
  public PrintWriter out() {
    return spec.commandLine().getOut();
  }

  @Override
  public PrintWriter err() {
    return spec.commandLine().getErr();
  }

  @Override
  public String person() {
    return config().optional("operator-name", System.getProperty("user.name"));
  }

  @Override
  public boolean confirm(String question) {
    err().print(question + " [y/N] ");
    err().flush();
    try {
      String answer = in.readLine();
      return answer != null && (answer.strip().equalsIgnoreCase("y") || answer.strip().toLowerCase(Locale.ROOT)
          .equals("yes"));
    } catch (IOException e) {
      return false;
    }
  }

  @Override
  public SSLContext sslContext() {
    String trustStore = config().optional("trust-store", null);
    try {
      if (trustStore == null) {
        return SSLContext.getDefault();
      }
      KeyStore store = KeyStore.getInstance("PKCS12");
      try (InputStream stream = Files.newInputStream(Path.of(trustStore))) {
        store.load(stream, config().optional("trust-store-password", "changeit").toCharArray());
      }
      TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(store);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, factory.getTrustManagers(), null);
      return context;
    } catch (IOException | GeneralSecurityException e) {
      throw new CliFailure(Exit.BAD_INPUT, "trust-store " + trustStore + " in " + config().file()
          + " cannot be read: " + e.getMessage());
    }
  }
}
