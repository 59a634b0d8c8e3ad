package io.seedship.localazure.identity;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.seedship.localazure.LocalAzureProperties;
import io.seedship.localazure.arm.Json;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Entra's device authorization grant (RFC 8628), the two halves the token endpoint's poll does not cover:
 * <ul>
 *   <li>{@code POST /{tenant}/oauth2/v2.0/devicecode} (form {@code client_id}, {@code scope}): the client asks for
 *       codes and gets Entra's answer, {@code device_code, user_code, verification_uri, expires_in, interval,
 *       message}. Any client the tenant knows may ask (as a public client: no secret); an unknown one is AADSTS700016,
 *       an unknown resource in the scope AADSTS500011.
 *   <li>{@code verification_uri}, {@code /devicelogin} (Entra's is https://microsoft.com/devicelogin): the user's
 *       browser. {@code GET} shows a form; {@code POST} (form {@code user_code}, {@code username}, {@code password})
 *       approves the code as the local user, checked as the password grant checks it (AADSTS50034, 50126; the code
 *       stays pending after a wrong password, as on Entra's page). {@code action=decline} with just the
 *       {@code user_code} declines it instead. A code no sign-in waits for is AADSTS70018, an expired one 70019.
 * </ul>
 * The client then polls {@code /token} with {@code grant_type=urn:ietf:params:oauth:grant-type:device_code}; see
 * {@link DeviceCodes} for the answers. Codes live in memory only; nothing here logs.
 */
@RestController
public class DeviceAuthorization {

  static final String VERIFICATION_PATH = "/devicelogin";

  /** Static on purpose: nothing a request sends is echoed into the page. */
  private static final String PAGE = """
      <!doctype html>
      <html><head><meta charset="utf-8"><title>local-azure: sign in on another device</title></head>
      <body>
      <h1>Enter the code shown on your device</h1>
      <form method="post" action="/devicelogin">
      <p><label>Code <input name="user_code" autocomplete="off" autofocus required></label></p>
      <p><label>User <input name="username" autocomplete="username"></label></p>
      <p><label>Password <input name="password" type="password" autocomplete="current-password"></label></p>
      <p><button name="action" value="approve">Sign in</button>
      <button name="action" value="decline" formnovalidate>Cancel the sign-in</button></p>
      </form>
      </body></html>
      """;

  private final Clients clients;
  private final DeviceCodes deviceCodes;
  private final LocalAzureProperties properties;

  public DeviceAuthorization(Clients clients, DeviceCodes deviceCodes, LocalAzureProperties properties) {
    this.clients = clients;
    this.deviceCodes = deviceCodes;
    this.properties = properties;
  }

  @PostMapping("/{tenant}/oauth2/v2.0/devicecode")
  public ResponseEntity<String> deviceCode(@PathVariable String tenant, HttpServletRequest request)
      throws IOException {
    TokenEndpoint.checkTenant(tenant, properties);
    Map<String, String> form = form(request);
    Clients.Client client = clients.find(form.get("client_id"));
    String scope = form.get("scope");
    if (scope == null || scope.isBlank()) {
      throw OAuthException.missing("scope");
    }
    // refuse an unknown resource now, not after the user has signed in
    TokenEndpoint.userResource(request, Scopes.resourceScopes(scope), properties);
    DeviceCodes.Issued issued = deviceCodes.issue(client.appId(), scope);
    String verificationUri = TokenEndpoint.base(request) + VERIFICATION_PATH;
    ObjectNode body = Json.object();
    body.put("user_code", issued.userCode());
    body.put("device_code", issued.deviceCode());
    body.put("verification_uri", verificationUri);
    body.put("expires_in", issued.lifetime().toSeconds());
    body.put("interval", issued.interval().toSeconds());
    body.put("message", "To sign in, use a web browser to open the page " + verificationUri + " and enter the code "
        + issued.userCode() + " to authenticate.");
    return ResponseEntity.ok().cacheControl(CacheControl.noStore()).header("Pragma", "no-cache")
        .contentType(Json.JSON).body(Json.write(body));
  }

  /**
   * The request's form. MSAL4J posts the devicecode form without a Content-Type (Entra reads it all the same), and
   * the servlet container parses only bodies that say they are forms: read such a body here.
   */
  private static Map<String, String> form(HttpServletRequest request) throws IOException {
    Map<String, String> form = new HashMap<>();
    if (request.getContentType() != null) {
      request.getParameterMap().forEach((name, values) -> form.put(name, values[0]));
      return form;
    }
    String body = new String(request.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    for (String pair : body.split("&")) {
      int equals = pair.indexOf('=');
      if (equals > 0) {
        form.putIfAbsent(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
      }
    }
    return form;
  }

  @GetMapping(VERIFICATION_PATH)
  public ResponseEntity<String> page() {
    return ResponseEntity.ok().cacheControl(CacheControl.noStore()).contentType(MediaType.TEXT_HTML).body(PAGE);
  }

  /** The user's answer: approve (signing in) or decline; JSON, since only tests and curious people come here. */
  @PostMapping(VERIFICATION_PATH)
  public ResponseEntity<String> answer(HttpServletRequest request) {
    String userCode = TokenEndpoint.required(request, "user_code");
    String action = request.getParameter("action");
    action = action == null || action.isBlank() ? "approve" : action.toLowerCase(Locale.ROOT);
    if (!action.equals("approve") && !action.equals("decline")) {
      throw OAuthException.invalidRequest(90013, "The input for 'action' is not valid: approve or decline.");
    }
    DeviceCodes.Pending pending = deviceCodes.pending(userCode);
    ObjectNode body = Json.object();
    body.put("client_id", pending.clientId());
    if (action.equals("decline")) {
      deviceCodes.answer(userCode, false);
      body.put("status", "declined");
      body.put("message", "The sign-in on your device was cancelled. You may now close this window.");
    } else {
      LocalUser.check(properties, TokenEndpoint.required(request, "username"),
          TokenEndpoint.required(request, "password"));
      deviceCodes.answer(userCode, true);
      body.put("status", "approved");
      body.put("message", "You have signed in to the application " + pending.clientId()
          + " on your device. You may now close this window.");
    }
    return ResponseEntity.ok().cacheControl(CacheControl.noStore()).contentType(Json.JSON).body(Json.write(body));
  }
}
