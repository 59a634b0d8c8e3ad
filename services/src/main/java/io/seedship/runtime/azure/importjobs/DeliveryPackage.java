package io.seedship.runtime.azure.importjobs;

import java.time.LocalDate;

/** The one package a job's drives travel in to the datacenter. */
public record DeliveryPackage(String carrierName, String trackingNumber, int driveCount, LocalDate shipDate) {
}
