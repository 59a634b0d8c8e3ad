package io.seedship.diskprep.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThatNoException;

import io.seedship.contracts.command.SeedRequest;
import io.seedship.runtime.work.WorkFailure;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CopyMachineCheckTest {

  @TempDir
  Path dmi;

  @Test
  void aVirtualCopyMachineRefusesASeedWhoseBackupServerIsItself() throws Exception {
    Files.writeString(dmi.resolve("sys_vendor"), "QEMU\n");
    Files.writeString(dmi.resolve("product_name"), "Standard PC (Q35 + ICH9, 2009)\n");
    CopyMachineCheck check = new CopyMachineCheck(dmi, "mars01.contoso.local");

    assertThat(check.hypervisor()).isEqualTo("QEMU");
    assertThatThrownBy(() -> check.check(request("MARS01"))).isInstanceOf(WorkFailure.class)
        .hasMessageContaining("backup server MARS01 is this copy machine, a virtual machine (QEMU)")
        .hasMessageContaining("must be a physical machine");
    assertThatNoException().isThrownBy(() -> check.check(request("mars02")));
    assertThatNoException().isThrownBy(() -> check.check(request(null)));
  }

  @Test
  void aPhysicalCopyMachineMayPrepareItsOwnBackup() throws Exception {
    Files.writeString(dmi.resolve("sys_vendor"), "Dell Inc.\n");
    Files.writeString(dmi.resolve("product_name"), "PowerEdge R750\n");
    CopyMachineCheck check = new CopyMachineCheck(dmi, "mars01");

    assertThat(check.hypervisor()).isNull();
    assertThatNoException().isThrownBy(() -> check.check(request("mars01")));
  }

  @Test
  void hyperVGuestsNameThemselvesAVirtualMachine() throws Exception {
    Files.writeString(dmi.resolve("sys_vendor"), "Microsoft Corporation\n");
    Files.writeString(dmi.resolve("product_name"), "Virtual Machine\n");

    assertThat(new CopyMachineCheck(dmi, "dpm01").hypervisor()).isEqualTo("Virtual Machine");
  }

  private static SeedRequest request(String backupServer) {
    SeedRequest request = new SeedRequest();
    request.setBackupServer(backupServer);
    return request;
  }
}
