package io.seedship.diskprep.checks;

import io.seedship.contracts.command.SeedRequest;
import io.seedship.runtime.work.WorkFailure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * What the documentation asks of the copy machine itself: when the backup server is a virtual machine, the copy machine
 * must be a physical one; so a copy machine that is a VM refuses to prepare drives for a seed whose backup server is
 * itself. Whether this machine is a VM comes from the firmware's DMI strings (sysfs), as systemd-detect-virt reads them.
 */
public final class CopyMachineCheck {

  private static final List<String> HYPERVISORS = List.of("vmware", "virtualbox", "kvm", "qemu", "xen", "bochs",
      "parallels", "virtual machine", "hvm domu", "amazon ec2", "google compute engine", "openstack", "hyper-v");

  private final Path dmi;
  private final String hostName;

  public CopyMachineCheck(Path dmi, String hostName) {
    this.dmi = dmi;
    this.hostName = hostName;
  }

  public static CopyMachineCheck ofThisMachine(String hostName) {
    return new CopyMachineCheck(Path.of("/sys/class/dmi/id"), hostName);
  }

  /** The hypervisor this machine runs on, or null when the firmware names none. */
  public String hypervisor() {
    for (String file : List.of("sys_vendor", "product_name", "board_vendor", "bios_vendor")) {
      try {
        Path f = dmi.resolve(file);
        String value = Files.isReadable(f) ? Files.readString(f).trim() : "";
        String lower = value.toLowerCase(Locale.ROOT);
        if (HYPERVISORS.stream().anyMatch(lower::contains)) {
          return value;
        }
      } catch (IOException e) {
        // unreadable: says nothing
      }
    }
    return null;
  }

  /** @throws WorkFailure when this copy machine is a VM and the seed's backup server is this very machine */
  public void check(SeedRequest request) {
    String server = request.getBackupServer();
    if (server == null || server.isBlank()) {
      return;
    }
    String shortServer = server.split("\\.")[0];
    String shortHost = hostName.split("\\.")[0];
    String hypervisor = hypervisor();
    if (hypervisor != null && shortServer.equalsIgnoreCase(shortHost)) {
      throw WorkFailure.of("backupServer", "backup server " + server + " is this copy machine, a virtual machine ("
          + hypervisor + "): when the backup server is a VM, the copy machine must be a physical machine",
          "run the disk-prep agent on a physical copy machine that reaches the staging location, and name it in"
              + " the seed request's copyMachine");
    }
  }
}
