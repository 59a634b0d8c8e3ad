package io.seedship.localazure.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.seedship.localazure.LocalAzureProperties;
import io.seedship.localazure.arm.ArmException;
import io.seedship.localazure.arm.Json;
import io.seedship.localazure.arm.Subscriptions;
import io.seedship.localazure.clock.VirtualClock;
import io.seedship.localazure.faults.FaultInjectionFilter;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * local-azure's own controls, not Azure's: the clock, faults, subscriptions and protected Graph applications. Only an
 * admin client's ARM token reaches them ({@link io.seedship.localazure.auth.BearerTokenFilter}); health is open.
 */
@RestController
@RequestMapping("/local-azure")
public class AdminController {

  private static final double MAX_RATE = 100_000_000;
  private static final List<String> FAULT_FIELDS = List.of("throttleFraction", "errorFraction", "retryAfter",
      "latency", "readBudget", "writeBudget", "budgetWindow", "seed");

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
      double rate = request.get("rate").isNumber() ? request.get("rate").asDouble() : -1;
      // the bound of local-azure.clock.rate: beyond it virtual nanoseconds overflow within hours
      if (rate < 0 || rate > MAX_RATE) {
        throw ArmException.badRequest("InvalidRate", "rate must be a number from 0 to " + (long) MAX_RATE + ", not "
            + request.get("rate"));
      }
      clock.setRate(rate);
    }
    if (request.has("advance")) {
      clock.advance(duration(request.get("advance"), "advance"));
    }
    return clock();
  }

  /** The settings in force, in the shape PUT takes: durations as ISO-8601 text ("PT0.2S"), so a GET can be PUT back. */
  @GetMapping("/faults")
  public ResponseEntity<String> faults() {
    LocalAzureProperties.Faults current = faults.settings();
    ObjectNode body = Json.object();
    body.put("throttleFraction", current.getThrottleFraction());
    body.put("errorFraction", current.getErrorFraction());
    body.put("retryAfter", current.getRetryAfter().toString());
    body.put("latency", current.getLatency().toString());
    body.put("readBudget", current.getReadBudget());
    body.put("writeBudget", current.getWriteBudget());
    body.put("budgetWindow", current.getBudgetWindow().toString());
    body.put("seed", current.getSeed());
    return Json.ok(body);
  }

  /** Replaces the fault settings; fields absent take their defaults (no faults). */
  @PutMapping("/faults")
  public ResponseEntity<String> changeFaults(@RequestBody(required = false) byte[] body) {
    ObjectNode request = Json.parseObject(body);
    request.fieldNames().forEachRemaining(field -> {
      if (!FAULT_FIELDS.contains(field)) {
        throw ArmException.badRequest("InvalidFault", "'" + field + "' is not a fault setting; they are "
            + FAULT_FIELDS + ".");
      }
    });
    LocalAzureProperties.Faults next = new LocalAzureProperties.Faults();
    next.setThrottleFraction(fraction(request, "throttleFraction"));
    next.setErrorFraction(fraction(request, "errorFraction"));
    if (request.has("retryAfter")) {
      next.setRetryAfter(duration(request.get("retryAfter"), "retryAfter"));
    }
    if (request.has("latency")) {
      next.setLatency(duration(request.get("latency"), "latency"));
    }
    next.setReadBudget(count(request, "readBudget"));
    next.setWriteBudget(count(request, "writeBudget"));
    if (request.has("budgetWindow")) {
      next.setBudgetWindow(duration(request.get("budgetWindow"), "budgetWindow"));
    }
    if (request.has("seed")) {
      if (!request.get("seed").canConvertToLong() || !request.get("seed").isIntegralNumber()) {
        throw ArmException.badRequest("InvalidFault", "seed must be an integer, not " + request.get("seed"));
      }
      next.setSeed(request.get("seed").asLong());
    }
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
    try {
      applications.protect(id);
    } catch (io.seedship.localazure.graph.GraphException e) {
      // admin answers are ARM-shaped; Graph's advice only covers Graph's own controllers
      throw new ArmException(e.status(), e.code(), e.getMessage());
    }
    ObjectNode body = Json.object();
    body.put("id", id);
    body.put("protected", true);
    return Json.ok(body);
  }

  private static double fraction(ObjectNode request, String field) {
    JsonNode node = request.get(field);
    if (node == null) {
      return 0;
    }
    if (!node.isNumber() || node.asDouble() < 0 || node.asDouble() > 1) {
      throw ArmException.badRequest("InvalidFault", field + " must be a number between 0 and 1, not " + node);
    }
    return node.asDouble();
  }

  private static int count(ObjectNode request, String field) {
    JsonNode node = request.get(field);
    if (node == null) {
      return 0;
    }
    if (!node.isIntegralNumber() || !node.canConvertToInt() || node.asInt() < 0) {
      throw ArmException.badRequest("InvalidFault", field + " must be a whole number of zero or more, not " + node);
    }
    return node.asInt();
  }

  private static Duration duration(JsonNode node, String field) {
    Duration duration = duration(node.isTextual() ? node.asText() : node.toString(), field);
    if (duration.isNegative()) {
      throw ArmException.badRequest("InvalidDuration", field + " must not be negative, not '" + node.asText() + "'");
    }
    return duration;
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
