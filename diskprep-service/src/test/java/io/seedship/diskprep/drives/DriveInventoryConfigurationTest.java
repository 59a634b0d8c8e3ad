package io.seedship.diskprep.drives;

import static org.assertj.core.api.Assertions.assertThat;

import io.seedship.diskprep.inventory.DriveInventory;
import io.seedship.diskprep.inventory.LinuxDriveInventory;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class DriveInventoryConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(DriveInventoryConfiguration.class);

    @Test
    void onLinuxTheInventoryReadsThisMachine() {
        runner.withPropertyValues("os.name=Linux").run(context -> {
            assertThat(context).hasSingleBean(DriveInventory.class);
            assertThat(context.getBean(DriveInventory.class)).isInstanceOf(LinuxDriveInventory.class);
        });
    }

    @Test
    void elsewhereThereIsNoInventoryYet() {
        runner.withPropertyValues("os.name=Windows 11").run(context -> assertThat(context).doesNotHaveBean(DriveInventory.class));
    }

    @Test
    void thisMachineIsLinux() {
        // the property the condition reads comes from the JVM's system properties when nothing overrides it
        runner.run(context -> assertThat(context).hasSingleBean(DriveInventory.class));
    }
}
