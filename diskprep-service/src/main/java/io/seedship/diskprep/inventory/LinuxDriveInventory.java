package io.seedship.diskprep.inventory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The drives of a Linux copy machine, read from the kernel's own files (sysfs, /proc/self/mountinfo), udev's database
 * and ioctl(2) on each device: no command is run and no command output parsed.
 *
 * <p>Listed: every disk under /sys/block except partitions, RAM disks (ram, zram), device-mapper and md devices (they
 * sit on top of drives; they are not drives), and loop devices that have nothing attached.
 */
public final class LinuxDriveInventory implements DriveInventory {

    private static final Pattern ATA = Pattern.compile("/ata\\d+/");
    private static final Pattern SAS = Pattern.compile("/host\\d+/port-\\d+|/end_device-");

    private final Path sysRoot;
    private final Path procRoot;
    private final Path udevData;
    private final Path devRoot;

    public LinuxDriveInventory() {
        this(Path.of("/sys"), Path.of("/proc"), Path.of("/run/udev/data"), Path.of("/dev"));
    }

    /** Roots given so tests can read a captured tree instead of this machine's. */
    LinuxDriveInventory(Path sysRoot, Path procRoot, Path udevData, Path devRoot) {
        this.sysRoot = sysRoot;
        this.procRoot = procRoot;
        this.udevData = udevData;
        this.devRoot = devRoot;
    }

    @Override
    public List<Drive> drives() throws IOException {
        List<Mount> mounts = mounts();
        Mount root = null;
        for (Mount mount : mounts) {
            if (mount.point().equals("/")) {
                root = mount; // the last one: a later mount on / hides the earlier
            }
        }
        List<Drive> drives = new ArrayList<>();
        Path sysRealRoot = sysRoot.toRealPath();
        for (Path entry : list(sysRoot.resolve("block"))) {
            String name = entry.getFileName().toString();
            if (!listed(name, entry)) {
                continue;
            }
            String sysPath = "/" + sysRealRoot.relativize(entry.toRealPath()).toString().replace('\\', '/');
            Map<String, String> udev = udev(read(entry.resolve("dev")));
            Transport transport = transport(sysPath, udev.getOrDefault("ID_BUS", ""));

            // the disk and its partitions: a mount or the root file system on any of them makes the disk used
            Set<String> devs = new LinkedHashSet<>();
            Set<String> names = new LinkedHashSet<>();
            devs.add(read(entry.resolve("dev")));
            names.add(name);
            for (Path child : list(entry)) {
                if (Files.exists(child.resolve("partition"))) {
                    devs.add(read(child.resolve("dev")));
                    names.add(child.getFileName().toString());
                }
            }
            List<String> mountPoints = new ArrayList<>();
            for (Mount mount : mounts) {
                if (mount.on(devs, names) && !mountPoints.contains(mount.point())) {
                    mountPoints.add(mount.point());
                }
            }
            boolean systemDisk = root != null && root.on(devs, names);

            Path device = devRoot.resolve(name);
            BlockDevice.Geometry geometry = geometry(device, entry);
            boolean rotational = read(entry.resolve("queue/rotational")).equals("1");
            Media media = transport == Transport.VIRTUAL ? Media.UNKNOWN : rotational ? Media.HDD : Media.SSD;
            drives.add(new Drive(device, geometry.sizeBytes(), geometry.logicalSectorSize(), geometry.physicalSectorSize(),
                    rotational, read(entry.resolve("removable")).equals("1"), transport, media,
                    first(read(entry.resolve("device/model")), udev.getOrDefault("ID_MODEL", "")),
                    serial(entry, udev),
                    first(read(entry.resolve("device/vendor")), udev.getOrDefault("ID_VENDOR", "")),
                    systemDisk, mountPoints));
        }
        return drives;
    }

    private static boolean listed(String name, Path entry) {
        if (name.startsWith("ram") || name.startsWith("zram") || name.startsWith("dm-") || name.startsWith("md")
                || Files.exists(entry.resolve("partition"))) {
            return false;
        }
        // an unattached loop device is a free slot, not a drive
        return !name.startsWith("loop") || Files.exists(entry.resolve("loop/backing_file"));
    }

    /** From where the device sits in the kernel's device tree; udev's ID_BUS when the path says nothing known. */
    static Transport transport(String sysPath, String udevBus) {
        if (sysPath.contains("/usb")) {
            return Transport.USB; // first: a USB-to-SATA bridge also shows a SCSI host below its USB port
        }
        if (sysPath.contains("/nvme")) {
            return Transport.NVME;
        }
        if (sysPath.contains("/virtio") || sysPath.startsWith("/devices/virtual/")) {
            return Transport.VIRTUAL;
        }
        if (ATA.matcher(sysPath).find()) {
            return Transport.SATA; // libata: on these machines ATA drives are SATA (parallel ATA drives are not sold)
        }
        if (SAS.matcher(sysPath).find()) {
            return Transport.SAS;
        }
        return switch (udevBus) {
            case "ata" -> Transport.SATA;
            case "usb" -> Transport.USB;
            default -> Transport.OTHER;
        };
    }

    /** The size and sector sizes from the device itself; from sysfs when the node cannot be opened (not root). */
    private static BlockDevice.Geometry geometry(Path device, Path entry) throws IOException {
        try {
            return BlockDevice.geometry(device);
        } catch (IOException | LinkageError e) { // LinkageError: no libc JNA can load
            // sysfs counts 512-byte sectors whatever the drive's logical sector size
            long sectors = Long.parseLong(first(read(entry.resolve("size")), "0"));
            return new BlockDevice.Geometry(sectors * 512L, Integer.parseInt(first(read(entry.resolve("queue/logical_block_size")), "512")),
                    Integer.parseInt(first(read(entry.resolve("queue/physical_block_size")), "512")));
        }
    }

    private static String serial(Path entry, Map<String, String> udev) throws IOException {
        String serial = first(read(entry.resolve("device/serial")), read(entry.resolve("serial")));
        if (serial.isEmpty()) {
            serial = unitSerialNumber(entry.resolve("device/vpd_pg80"));
        }
        serial = first(serial, udev.getOrDefault("ID_SERIAL_SHORT", ""));
        if (serial.isEmpty() && Files.exists(entry.resolve("loop/backing_file"))) {
            // a loop device (development and tests): its image's name stands in for a serial, as in the image bay
            String image = Path.of(read(entry.resolve("loop/backing_file"))).getFileName().toString();
            serial = image.endsWith(ImageBayInventory.SUFFIX) ? image.substring(0, image.length()
                    - ImageBayInventory.SUFFIX.length()) : image;
        }
        return serial;
    }

    /** SCSI VPD page 0x80: a 4-byte header (length in bytes 2-3), then the serial in ASCII, often padded with blanks. */
    static String unitSerialNumber(Path page) throws IOException {
        if (!Files.isReadable(page)) {
            return "";
        }
        byte[] bytes = Files.readAllBytes(page);
        if (bytes.length < 4 || bytes[1] != (byte) 0x80) {
            return "";
        }
        int length = Math.min(((bytes[2] & 0xff) << 8) | (bytes[3] & 0xff), bytes.length - 4);
        return new String(bytes, 4, length, StandardCharsets.US_ASCII).trim();
    }

    /** udev's properties of a block device: the E: lines of /run/udev/data/b&lt;major&gt;:&lt;minor&gt;. */
    private Map<String, String> udev(String dev) throws IOException {
        Map<String, String> properties = new HashMap<>();
        if (dev.isEmpty()) {
            return properties;
        }
        Path file = udevData.resolve("b" + dev);
        if (Files.isReadable(file)) {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                int equals = line.indexOf('=');
                if (line.startsWith("E:") && equals > 2) {
                    properties.put(line.substring(2, equals), line.substring(equals + 1));
                }
            }
        }
        return properties;
    }

    /** One line of /proc/self/mountinfo: major:minor, mount point, and the source after the " - " separator. */
    record Mount(String dev, String point, String source) {
        boolean on(Set<String> devs, Set<String> names) {
            // btrfs and some others report an anonymous 0:N device; their source still names the block device
            return devs.contains(dev) || (source.startsWith("/dev/") && names.contains(source.substring(5)));
        }
    }

    List<Mount> mounts() throws IOException {
        List<Mount> mounts = new ArrayList<>();
        Path file = procRoot.resolve("self/mountinfo");
        if (!Files.isReadable(file)) {
            return mounts;
        }
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String[] fields = line.split(" ");
            int separator = List.of(fields).indexOf("-");
            if (fields.length < 5 || separator < 0 || separator + 2 >= fields.length) {
                continue;
            }
            mounts.add(new Mount(fields[2], unescape(fields[4]), unescape(fields[separator + 2])));
        }
        return mounts;
    }

    /** mountinfo escapes blank, tab, newline and backslash as octal. */
    private static String unescape(String field) {
        return field.replace("\\040", " ").replace("\\011", "\t").replace("\\012", "\n").replace("\\134", "\\");
    }

    private static String first(String value, String otherwise) {
        return value.isEmpty() ? otherwise : value;
    }

    /** A sysfs attribute, trimmed; "" when absent or unreadable (attributes vary by driver). */
    private static String read(Path file) throws IOException {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            return "";
        }
        try {
            return Files.readString(file, StandardCharsets.ISO_8859_1).trim();
        } catch (IOException e) {
            return ""; // some attributes exist but refuse reads (EIO on a drive that went away)
        }
    }

    private static List<Path> list(Path dir) throws IOException {
        List<Path> entries = new ArrayList<>();
        if (Files.isDirectory(dir)) {
            try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
                stream.forEach(entries::add);
            }
        }
        entries.sort(null);
        return entries;
    }
}
