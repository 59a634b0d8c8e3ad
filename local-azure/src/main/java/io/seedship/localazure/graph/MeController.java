package io.seedship.localazure.graph;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.seedship.localazure.LocalAzureProperties;
import io.seedship.localazure.arm.Json;
import io.seedship.localazure.auth.AccessToken;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /me}: the signed-in user, which only a delegated (user) token has. */
@RestController
public class MeController {

  private final LocalAzureProperties.User user;

  public MeController(LocalAzureProperties properties) {
    this.user = properties.getUser();
  }

  @GetMapping("/graph/v1.0/me")
  public ResponseEntity<String> me(@RequestAttribute(AccessToken.REQUEST_ATTRIBUTE) AccessToken token,
      HttpServletRequest request) {
    if (!token.user()) {
      throw new GraphException(400, "BadRequest", "/me request is only valid with delegated authentication flow.");
    }
    ObjectNode json = Json.object();
    json.put("@odata.context", GraphUrls.context(request, "users/$entity"));
    json.set("businessPhones", Json.array());
    json.put("displayName", user.getDisplayName());
    json.putNull("givenName");
    json.putNull("jobTitle");
    json.put("mail", user.getUserPrincipalName());
    json.putNull("mobilePhone");
    json.putNull("officeLocation");
    json.putNull("preferredLanguage");
    json.putNull("surname");
    json.put("userPrincipalName", user.getUserPrincipalName());
    json.put("id", user.getObjectId());
    return Json.ok(json);
  }
}
