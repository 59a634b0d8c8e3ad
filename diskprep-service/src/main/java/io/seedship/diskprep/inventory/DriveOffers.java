package io.seedship.diskprep.inventory;

import io.seedship.driveformat.check.TargetCheck;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The drives this copy machine offers, as last read: handlers decide on this snapshot (reading drives is the outside
 * world), and a refresh every few seconds keeps it current as drives come and go.
 */
public final class DriveOffers {

    private static final Logger log = LoggerFactory.getLogger(DriveOffers.class);

    private final List<DriveInventory> inventories;
    private final TargetCheck targetCheck = new TargetCheck();
    private final AtomicReference<List<DriveOffer>> current = new AtomicReference<>(List.of());

    public DriveOffers(List<DriveInventory> inventories) {
        this.inventories = List.copyOf(inventories);
    }

    /** The snapshot as last read. */
    public List<DriveOffer> current() {
        return current.get();
    }

    public Optional<DriveOffer> bySerial(String serial) {
        return current().stream().filter(o -> o.drive().serial().equals(serial)).findFirst();
    }

    /** Reads the drives again; true when what is offered changed. */
    public boolean refresh() throws IOException {
        List<DriveOffer> offers = new ArrayList<>();
        for (DriveInventory inventory : inventories) {
            for (Drive drive : inventory.drives()) {
                offers.add(new DriveOffer(drive, contents(drive)));
            }
        }
        List<DriveOffer> before = current.getAndSet(List.copyOf(offers));
        boolean changed = !before.equals(offers);
        if (changed) {
            log.info("drives offered: {}", offers.stream().map(o -> o.drive().label()).toList());
        }
        return changed;
    }

    private String contents(Drive drive) {
        if (drive.systemDisk() || !drive.mountPoints().isEmpty()) {
            return null; // refused anyway; never read a disk in use
        }
        try {
            return targetCheck.contents(drive.device());
        } catch (IOException | RuntimeException e) {
            return "unreadable (" + e.getMessage() + ")";
        }
    }
}
