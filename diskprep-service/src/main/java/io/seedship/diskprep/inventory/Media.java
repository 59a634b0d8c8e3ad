package io.seedship.diskprep.inventory;

/** What a drive stores data on. */
public enum Media {
    HDD, SSD, UNKNOWN
}
