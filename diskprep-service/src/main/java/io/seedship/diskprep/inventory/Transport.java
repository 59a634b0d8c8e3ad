package io.seedship.diskprep.inventory;

/** How a drive is attached to the copy machine. */
public enum Transport {
    SATA, SAS, USB, NVME, VIRTUAL, OTHER
}
