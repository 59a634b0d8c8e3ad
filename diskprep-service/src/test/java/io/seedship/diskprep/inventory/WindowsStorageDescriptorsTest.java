package io.seedship.diskprep.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Buffers built field by field after winioctl.h's STORAGE_DEVICE_DESCRIPTOR and GET_LENGTH_INFORMATION. */
class WindowsStorageDescriptorsTest {

    @Test
    void readsASataDiskDescriptor() {
        byte[] buffer = descriptor(11, false, "ATA", "WDC WD40EFRX-68N32N0", "82.00A82", "     WD-WCC7K1234567");
        WindowsStorageDescriptors.StorageDevice device = WindowsStorageDescriptors.storageDevice(buffer);
        assertThat(device.busType()).isEqualTo(11);
        assertThat(device.transport()).isEqualTo(Transport.SATA);
        assertThat(device.deviceType()).isZero(); // direct-access block device
        assertThat(device.removableMedia()).isFalse();
        assertThat(device.vendor()).isEqualTo("ATA");
        assertThat(device.product()).isEqualTo("WDC WD40EFRX-68N32N0");
        assertThat(device.revision()).isEqualTo("82.00A82");
        assertThat(device.serial()).isEqualTo("WD-WCC7K1234567");
    }

    @Test
    void aMissingStringHasOffsetZeroOrMinusOne() {
        byte[] buffer = descriptor(7, true, null, "Ultra Fit", null, null);
        ByteBuffer.wrap(buffer).order(ByteOrder.LITTLE_ENDIAN).putInt(24, -1); // some USB drivers write -1
        WindowsStorageDescriptors.StorageDevice device = WindowsStorageDescriptors.storageDevice(buffer);
        assertThat(device.transport()).isEqualTo(Transport.USB);
        assertThat(device.removableMedia()).isTrue();
        assertThat(device.vendor()).isEmpty();
        assertThat(device.product()).isEqualTo("Ultra Fit");
        assertThat(device.serial()).isEmpty();
    }

    @Test
    void aTruncatedDescriptorSaysHowBigABufferToAskFor() {
        byte[] whole = descriptor(17, false, null, "Samsung SSD 970 EVO Plus 1TB", "2B2QEXM7", "S4EWNX0R123456A");
        byte[] truncated = java.util.Arrays.copyOf(whole, 40);
        assertThatThrownBy(() -> WindowsStorageDescriptors.storageDevice(truncated))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("STORAGE_DEVICE_DESCRIPTOR is " + whole.length + " bytes, only 40 returned: query again with a buffer of "
                        + whole.length + " bytes");
        assertThatThrownBy(() -> WindowsStorageDescriptors.storageDevice(new byte[12]))
                .hasMessageContaining("at least 36 needed");
    }

    @Test
    void anOffsetOutsideTheDescriptorIsRefused() {
        byte[] buffer = descriptor(11, false, null, "X", null, null);
        ByteBuffer.wrap(buffer).order(ByteOrder.LITTLE_ENDIAN).putInt(16, buffer.length + 10);
        assertThatThrownBy(() -> WindowsStorageDescriptors.storageDevice(buffer)).hasMessageContaining("string offset");
    }

    @Test
    void readsTheLengthOfADisk() {
        byte[] buffer = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(4_000_787_030_016L).array();
        assertThat(WindowsStorageDescriptors.length(buffer)).isEqualTo(4_000_787_030_016L);
        assertThatThrownBy(() -> WindowsStorageDescriptors.length(new byte[4])).hasMessageContaining("8 needed");
    }

    @ParameterizedTest(name = "STORAGE_BUS_TYPE {0} -> {1}")
    @CsvSource({"0, OTHER", "1, OTHER", "3, SATA", "4, OTHER", "7, USB", "8, OTHER", "10, SAS", "11, SATA", "12, OTHER",
            "14, VIRTUAL", "15, VIRTUAL", "16, OTHER", "17, NVME"})
    void busTypes(int busType, Transport transport) {
        assertThat(WindowsStorageDescriptors.transport(busType)).isEqualTo(transport);
        byte[] buffer = descriptor(busType, false, null, null, null, null);
        assertThat(WindowsStorageDescriptors.storageDevice(buffer).transport()).isEqualTo(transport);
    }

    /** A descriptor as the documented layout has it: the 36-byte fixed part, then the strings it points at. */
    private static byte[] descriptor(int busType, boolean removable, String vendor, String product, String revision,
                                     String serial) {
        ByteArrayOutputStream strings = new ByteArrayOutputStream();
        int[] offsets = new int[4];
        String[] values = {vendor, product, revision, serial};
        int header = 36 + 4; // RawDeviceProperties[1] padded: strings start after the structure, as Windows places them
        for (int i = 0; i < values.length; i++) {
            if (values[i] != null) {
                offsets[i] = header + strings.size();
                strings.writeBytes(values[i].getBytes(StandardCharsets.US_ASCII));
                strings.write(0);
            }
        }
        int size = header + strings.size();
        ByteBuffer bytes = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        bytes.putInt(0, 40); // Version: sizeof(STORAGE_DEVICE_DESCRIPTOR)
        bytes.putInt(4, size); // Size
        bytes.put(8, (byte) 0); // DeviceType: direct access
        bytes.put(9, (byte) 0); // DeviceTypeModifier
        bytes.put(10, (byte) (removable ? 1 : 0)); // RemovableMedia
        bytes.put(11, (byte) 1); // CommandQueueing
        bytes.putInt(12, offsets[0]); // VendorIdOffset
        bytes.putInt(16, offsets[1]); // ProductIdOffset
        bytes.putInt(20, offsets[2]); // ProductRevisionOffset
        bytes.putInt(24, offsets[3]); // SerialNumberOffset
        bytes.putInt(28, busType); // BusType
        bytes.putInt(32, 0); // RawPropertiesLength
        bytes.put(header, strings.toByteArray());
        return bytes.array();
    }
}
