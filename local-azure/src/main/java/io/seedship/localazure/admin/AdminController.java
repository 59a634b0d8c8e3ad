package io.seedship.localazure.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.seedship.localazure.LocalAzureProperties;
import io.seedship.localazure.arm.ArmException;
import io.seedship.localazure.arm.Json;
import io.seedship.localazure.arm.Subscriptions;
import io.seedship.localazure.clock.VirtualClock;
import io.seedship.localazure.faults.FaultInjectionFilter;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** local-azure's own controls, not Azure's: the clock, faults and subscriptions. Unauthenticated, local only. */
@RestController
@RequestMapping("/local-azure")
public class AdminController {

  private final io.seedship.localazure.graph.GraphApplications applications;

  private final VirtualClock clock;
  private final FaultInjectionFilter faults;
  private final Subscriptions subscriptions;

  public AdminController(VirtualClock clock, FaultInjectionFilter faults, Subscriptions subscriptions,
                         io.seedship.localazure.graph.GraphApplications applications) {
    this.applications = applications;
    this.clock = clock;
    this.faults = faults;
    this.subscriptions = subscriptions;
  }

  @GetMapping("/health")
  public ResponseEntity<String> health() {
    ObjectNode body = Json.object();
    body.put("status", "UP");
    return Json.ok(body);
  }

  @GetMapping("/clock")
  public ResponseEntity<String> clock() {
    ObjectNode body = Json.object();
    body.put("now", clock.instant().toString());
    body.put("rate", clock.rate());
    return Json.ok(body);
  }

  /** {@code {"advance":"P14D"}} and/or {@code {"rate":86400}}. */
  @PostMapping("/clock")
  public ResponseEntity<String> changeClock(@RequestBody(required = false) byte[] body) {
    ObjectNode request = Json.parseObject(body);
    if (request.has("rate")) {
      double rate = request.get("rate").asDouble(-1);
      if (rate < 0) {
        throw ArmException.badRequest("InvalidRate", "rate must be a number of zero or more");
      }
      clock.setRate(rate);
    }
    if (request.has("advance")) {
      clock.advance(duration(request.get("advance").asText(), "advance"));
    }
    return clock();
  }

  @GetMapping("/faults")
  public ResponseEntity<String> faults() {
    return Json.ok(Json.MAPPER.valueToTree(faults.settings()));
  }

  /** Replaces the fault settings; fields absent are zero (no faults). */
  @PutMapping("/faults")
  public ResponseEntity<String> changeFaults(@RequestBody(required = false) byte[] body) {
    ObjectNode request = Json.parseObject(body);
    LocalAzureProperties.Faults next = new LocalAzureProperties.Faults();
    next.setThrottleFraction(fraction(request, "throttleFraction"));
    next.setErrorFraction(fraction(request, "errorFraction"));
    if (request.has("retryAfter")) {
      next.setRetryAfter(duration(request.get("retryAfter").asText(), "retryAfter"));
    }
    if (request.has("latency")) {
      next.setLatency(duration(request.get("latency").asText(), "latency"));
    }
    next.setReadBudget(request.path("readBudget").asInt(0));
    next.setWriteBudget(request.path("writeBudget").asInt(0));
    if (request.has("budgetWindow")) {
      next.setBudgetWindow(duration(request.get("budgetWindow").asText(), "budgetWindow"));
    }
    next.setSeed(request.path("seed").asLong(42));
    faults.update(next);
    return faults();
  }

  @PutMapping("/subscriptions/{subscriptionId}")
  public ResponseEntity<String> registerSubscription(@PathVariable String subscriptionId) {
    subscriptions.register(subscriptionId);
    ObjectNode body = Json.object();
    body.put("subscriptionId", subscriptions.require(subscriptionId));
    return Json.ok(body);
  }

  /** Makes an application read-only to every caller (PATCH and DELETE answer 403), as one Seedship does not own. */
  @PutMapping("/graph/applications/{id}/protected")
  public ResponseEntity<String> protectApplication(@PathVariable String id) {
    applications.protect(id);
    ObjectNode body = Json.object();
    body.put("id", id);
    body.put("protected", true);
    return Json.ok(body);
  }

  private static double fraction(ObjectNode request, String field) {
    double value = request.path(field).asDouble(0);
    if (value < 0 || value > 1) {
      throw ArmException.badRequest("InvalidFault", field + " must be between 0 and 1, not " + value);
    }
    return value;
  }

  private static Duration duration(String text, String field) {
    try {
      return Duration.parse(text);
    } catch (DateTimeParseException e) {
      throw ArmException.badRequest("InvalidDuration", field + " must be an ISO-8601 duration like PT1S or P14D, not '"
          + text + "'");
    }
  }
}
