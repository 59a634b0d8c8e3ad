package io.seedship.localazure.identity;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.seedship.localazure.LocalAzureProperties;
import io.seedship.localazure.arm.Json;
import java.util.Locale;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The only discovery call MSAL4J makes with instance discovery disabled: before a password grant it asks
 * whether the user's domain is federated (WS-Trust) or managed. The configured user's domain is managed.
 */
@RestController
public class UserRealmController {

  private final LocalAzureProperties properties;

  public UserRealmController(LocalAzureProperties properties) {
    this.properties = properties;
  }

  @GetMapping("/common/userrealm/{username}")
  public ResponseEntity<String> userRealm(@PathVariable String username) {
    String domain = domainOf(username);
    boolean managed = domain.equals(domainOf(properties.getUser().getUserPrincipalName()));
    ObjectNode body = Json.object();
    body.put("ver", "1.0");
    body.put("account_type", managed ? "Managed" : "Unknown");
    if (managed) {
      body.put("domain_name", domain);
      body.put("cloud_instance_name", "microsoftonline.com");
      body.put("cloud_audience_urn", "urn:federation:MicrosoftOnline");
    }
    return Json.ok(body);
  }

  private static String domainOf(String username) {
    int at = username.lastIndexOf('@');
    return (at < 0 ? "" : username.substring(at + 1)).toLowerCase(Locale.ROOT);
  }
}
