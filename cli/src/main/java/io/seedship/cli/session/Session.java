package io.seedship.cli.session;

import io.seedship.cli.api.ServiceApi;
import io.seedship.cli.config.CliConfig;
import io.seedship.cli.output.Output;
import io.seedship.cli.token.TokenCache;
import java.io.PrintWriter;
import javax.net.ssl.SSLContext;

/** What every command works with: the configuration, the sign-in, the APIs, where output goes, the operator. */
public interface Session {

  CliConfig config();

  TokenCache tokens();

  ServiceApi api();

  Output output();

  PrintWriter out();

  PrintWriter err();

  /**
   * The person at the keyboard, named in what they confirm (an erasure, a shipment, a cancel): the configuration's
   * {@code operator-name}, else the login name. Services record it beside the signed-in caller, so it adds a name to
   * an application's token and cannot stand in for another person's.
   */
  String person();

  /** Asks on the terminal; anything but y or yes is no. */
  boolean confirm(String question);

  /** The JDK's trust, or the configured trust store's (local-azure's certificate). */
  SSLContext sslContext();
}
