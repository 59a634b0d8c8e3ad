package io.seedship.diskprep.web;

import io.seedship.contracts.diskprep.DriveInfo;
import io.seedship.diskprep.inventory.DriveOffers;
import io.seedship.diskprep.offers.InventoryReports;
import io.seedship.diskprep.persistence.PrepDrive;
import io.seedship.diskprep.persistence.PrepDriveRepository;
import io.seedship.runtime.security.ForReaders;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What this copy machine sees now: every drive attached, with each check it fails and why (the same verdicts as the
 * offers in DriveInventoryReported), and the seed a drive was confirmed for. Reading it touches no drive: it is the
 * agent's last snapshot.
 */
@RestController
public class DrivesController {

  public record DriveView(String serialNumber, String model, String devicePath, long sizeBytes, String bus,
                          String media, boolean mounted, boolean eligible, String ineligibleReason, String seedId,
                          String writeState) {
  }

  public record Inventory(String copyMachine, List<DriveView> drives) {
  }

  private final DriveOffers offers;
  private final InventoryReports reports;
  private final PrepDriveRepository prepared;

  public DrivesController(DriveOffers offers, InventoryReports reports, PrepDriveRepository prepared) {
    this.offers = offers;
    this.reports = reports;
    this.prepared = prepared;
  }

  @GetMapping("/api/drives")
  @ForReaders
  public Inventory drives() {
    List<DriveView> views = reports.drives(offers.current()).stream().map(this::view).toList();
    return new Inventory(reports.copyMachine(), views);
  }

  private DriveView view(DriveInfo d) {
    PrepDrive row = prepared.findById(d.getSerialNumber()).orElse(null);
    return new DriveView(d.getSerialNumber(), d.getModel(), d.getDevicePath(), d.getSizeBytes(),
        String.valueOf(d.getBus()), String.valueOf(d.getMedia()), d.getMounted(), d.getEligible(),
        d.getIneligibleReason(), row == null ? null : row.seedId(), row == null ? null : row.state().name());
  }
}
