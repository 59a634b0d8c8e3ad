package io.seedship.localazure.recoveryservices;

import io.seedship.localazure.arm.ArmException;
import io.seedship.localazure.arm.Json;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The backup servers' MARS agents, set up as an admin runs the MARS wizard: local-azure's own admin API (under
 * {@code /local-azure/}, so only admin clients' ARM tokens reach it, as the other admin endpoints).
 * {@code {"vaultId", "scheduleTimes": ["22:00"], "offlineSeeding": {"importJobName", "storageAccountId",
 * "container", "blobPrefix"}}}: 201 registered, 200 unchanged or updated.
 */
@RestController
public class BackupServersController {

  private final Backups backups;

  public BackupServersController(Backups backups) {
    this.backups = backups;
  }

  @PutMapping("/local-azure/backup-servers/{serverName}")
  public ResponseEntity<String> put(@PathVariable String serverName, @RequestBody(required = false) byte[] body) {
    boolean created = backups.register(serverName, Json.parseObject(body));
    return Json.respond(created ? 201 : 200, backups.registration(serverName).orElseThrow());
  }

  @GetMapping("/local-azure/backup-servers/{serverName}")
  public ResponseEntity<String> get(@PathVariable String serverName) {
    backups.sweep();
    return Json.ok(backups.registration(serverName).orElseThrow(() -> ArmException.notFound("ServerNotFound",
        "No backup server '" + serverName + "' is registered.")));
  }
}
