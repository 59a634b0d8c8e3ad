package io.seedship.diskprep.inventory;

import java.io.IOException;
import java.util.List;

/** The whole drives attached to this copy machine, read from the operating system. */
public interface DriveInventory {

    List<Drive> drives() throws IOException;
}
