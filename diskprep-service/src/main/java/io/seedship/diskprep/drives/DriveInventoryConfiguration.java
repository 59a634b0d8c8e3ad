package io.seedship.diskprep.drives;

import io.seedship.diskprep.inventory.DriveInventory;
import io.seedship.diskprep.inventory.LinuxDriveInventory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The drive inventory of this copy machine. Only Linux has one yet (os.name is exactly "Linux" there); on another
 * system no inventory bean exists, rather than one that reads files that are not there.
 */
@Configuration(proxyBeanMethods = false)
public class DriveInventoryConfiguration {

    @Bean
    @ConditionalOnProperty(name = "os.name", havingValue = "Linux")
    DriveInventory driveInventory() {
        return new LinuxDriveInventory();
    }
}
