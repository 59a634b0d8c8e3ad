package io.seedship.diskprep.inventory;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Reads the buffers Windows returns about a disk, for a Windows inventory behind {@link DriveInventory}: the
 * STORAGE_DEVICE_DESCRIPTOR of IOCTL_STORAGE_QUERY_PROPERTY (StorageDeviceProperty, PropertyStandardQuery) and the
 * GET_LENGTH_INFORMATION of IOCTL_DISK_GET_LENGTH_INFO. Pure parsing: no Windows call is made here.
 *
 * <pre>
 * // winioctl.h; all little-endian
 * typedef struct _STORAGE_DEVICE_DESCRIPTOR {
 *   DWORD            Version;                 //  0  sizeof(STORAGE_DEVICE_DESCRIPTOR)
 *   DWORD            Size;                    //  4  bytes of the whole descriptor, strings included
 *   BYTE             DeviceType;              //  8  SCSI peripheral device type
 *   BYTE             DeviceTypeModifier;      //  9
 *   BOOLEAN          RemovableMedia;          // 10
 *   BOOLEAN          CommandQueueing;         // 11
 *   DWORD            VendorIdOffset;          // 12  0: none
 *   DWORD            ProductIdOffset;         // 16  0: none
 *   DWORD            ProductRevisionOffset;   // 20  0: none
 *   DWORD            SerialNumberOffset;      // 24  0 (or -1 with some drivers): none
 *   STORAGE_BUS_TYPE BusType;                 // 28  an enum: 4 bytes
 *   DWORD            RawPropertiesLength;     // 32
 *   BYTE             RawDeviceProperties[1];  // 36
 * } STORAGE_DEVICE_DESCRIPTOR;                // offsets point at NUL-terminated ASCII strings in the same buffer
 *
 * typedef struct _GET_LENGTH_INFORMATION {
 *   LARGE_INTEGER Length;                     //  0  the disk's size in bytes
 * } GET_LENGTH_INFORMATION;
 * </pre>
 */
public final class WindowsStorageDescriptors {

    /** The fixed part of STORAGE_DEVICE_DESCRIPTOR, up to RawPropertiesLength included. */
    static final int HEADER = 36;

    /** What STORAGE_DEVICE_DESCRIPTOR says of a disk. */
    public record StorageDevice(int deviceType, boolean removableMedia, int busType, Transport transport, String vendor,
                                String product, String revision, String serial) {
    }

    private WindowsStorageDescriptors() {
    }

    /**
     * Reads a STORAGE_DEVICE_DESCRIPTOR.
     *
     * @throws IllegalArgumentException when the buffer is shorter than the descriptor's fixed part or than its own Size
     *                                  (ask again with a buffer of Size bytes), or a string offset points outside it
     */
    public static StorageDevice storageDevice(byte[] buffer) {
        if (buffer.length < HEADER) {
            throw new IllegalArgumentException("STORAGE_DEVICE_DESCRIPTOR of " + buffer.length + " bytes, at least " + HEADER
                    + " needed: query with a larger buffer");
        }
        ByteBuffer bytes = ByteBuffer.wrap(buffer).order(ByteOrder.LITTLE_ENDIAN);
        long size = Integer.toUnsignedLong(bytes.getInt(4));
        if (size > buffer.length) {
            throw new IllegalArgumentException("STORAGE_DEVICE_DESCRIPTOR is " + size + " bytes, only " + buffer.length
                    + " returned: query again with a buffer of " + size + " bytes");
        }
        int busType = bytes.getInt(28);
        return new StorageDevice(buffer[8] & 0xff, buffer[10] != 0, busType, transport(busType),
                string(buffer, bytes.getInt(12), size), string(buffer, bytes.getInt(16), size),
                string(buffer, bytes.getInt(20), size), string(buffer, bytes.getInt(24), size));
    }

    /** Reads a GET_LENGTH_INFORMATION: the disk's size in bytes. */
    public static long length(byte[] buffer) {
        if (buffer.length < 8) {
            throw new IllegalArgumentException("GET_LENGTH_INFORMATION of " + buffer.length + " bytes, 8 needed");
        }
        return ByteBuffer.wrap(buffer).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
    }

    /** STORAGE_BUS_TYPE (winioctl.h) to the transports the drive checks know. */
    public static Transport transport(int busType) {
        return switch (busType) {
            // BusTypeAta: a SATA drive on a controller in IDE (legacy) mode reports ATA; parallel ATA drives are not sold
            case 3, 11 -> Transport.SATA; // BusTypeAta, BusTypeSata
            case 10 -> Transport.SAS; // BusTypeSas
            case 7 -> Transport.USB; // BusTypeUsb
            case 17 -> Transport.NVME; // BusTypeNvme
            case 14, 15 -> Transport.VIRTUAL; // BusTypeVirtual (VHD), BusTypeFileBackedVirtual
            // BusTypeUnknown 0, Scsi 1, Atapi 2, 1394 4, Ssa 5, Fibre 6, RAID 8, iScsi 9, Sd 12, Mmc 13, Spaces 16, ...
            default -> Transport.OTHER;
        };
    }

    /** A NUL-terminated ASCII string at {@code offset}, trimmed; "" when the offset says there is none. */
    private static String string(byte[] buffer, int offset, long size) {
        if (offset == 0 || offset == -1) {
            return "";
        }
        if (offset < HEADER || offset >= size) {
            throw new IllegalArgumentException("STORAGE_DEVICE_DESCRIPTOR string offset " + Integer.toUnsignedString(offset)
                    + " is outside the descriptor's " + size + " bytes");
        }
        int end = offset;
        while (end < size && buffer[end] != 0) {
            end++;
        }
        return new String(buffer, offset, end - offset, StandardCharsets.US_ASCII).trim();
    }
}
