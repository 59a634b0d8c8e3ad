package io.seedship.driveformat.check;

import io.seedship.driveformat.DriveException;
import io.seedship.driveformat.volume.DeviceSize;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The checks made before a drive is touched: it exists, is big enough, is not mounted or otherwise in use, and holds
 * nothing unless overwriting was asked for. Each refusal names the drive and the rule.
 */
public final class TargetCheck {

    /** Bytes looked at, at each end of the drive, to decide whether it holds anything. */
    static final int PROBE = 1024 * 1024;

    private final Path procRoot;
    private final Path sysRoot;

    public TargetCheck() {
        this(Path.of("/proc"), Path.of("/sys"));
    }

    TargetCheck(Path procRoot, Path sysRoot) {
        this.procRoot = procRoot;
        this.sysRoot = sysRoot;
    }

    /** Returns the drive's size in bytes when it may be written. */
    public long check(Path target, long minimumSize, boolean overwrite) throws IOException {
        String name = target.toString();
        if (!Files.exists(target)) {
            throw new DriveException(name, "does not exist");
        }
        Path real = target.toRealPath();
        boolean device = !Files.isRegularFile(real);
        if (device && !Files.exists(sysRoot.resolve("class/block").resolve(real.getFileName().toString()))) {
            throw new DriveException(name, "is neither an image file nor a block device");
        }
        if (!Files.isWritable(real)) {
            throw new DriveException(name, "is not writable by this process");
        }
        long size = DeviceSize.of(real);
        if (size % 512 != 0) {
            throw new DriveException(name, "size " + size + " bytes is not a whole number of 512-byte sectors");
        }
        if (size < minimumSize) {
            throw new DriveException(name, "is too small: " + size + " bytes, at least " + minimumSize + " needed");
        }
        List<String> uses = uses(real, device);
        if (!uses.isEmpty()) {
            throw new DriveException(name, "is in use (" + String.join("; ", uses) + "): unmount or detach it first");
        }
        if (!overwrite) {
            String content = content(real, size);
            if (content != null) {
                throw new DriveException(name, "is not empty (" + content + "): pass overwrite to erase it");
            }
        }
        return size;
    }

    /** Mounts, swap, loop attachments and holders (device-mapper, md) of the target or its partitions. */
    List<String> uses(Path real, boolean device) throws IOException {
        List<String> uses = new ArrayList<>();
        List<String> names = new ArrayList<>();
        names.add(real.toString());
        if (device) {
            names.addAll(partitions(real));
        }
        for (String line : lines(procRoot.resolve("mounts"))) {
            String[] fields = line.split(" ");
            if (fields.length > 1 && names.contains(resolve(fields[0]))) {
                uses.add("mounted on " + unescape(fields[1]));
            }
        }
        for (String line : lines(procRoot.resolve("swaps"))) {
            String source = line.split("\\s+")[0];
            if (names.contains(resolve(source))) {
                uses.add("used as swap");
            }
        }
        if (device) {
            for (String n : names) {
                Path holders = sysRoot.resolve("class/block").resolve(Path.of(n).getFileName().toString()).resolve("holders");
                for (Path holder : list(holders)) {
                    uses.add("held by " + holder.getFileName());
                }
            }
        } else {
            for (Path loop : list(sysRoot.resolve("block"))) {
                Path backing = loop.resolve("loop/backing_file");
                if (Files.isReadable(backing) && Files.readString(backing).trim().equals(real.toString())) {
                    uses.add("attached to /dev/" + loop.getFileName());
                }
            }
        }
        return uses;
    }

    private List<String> partitions(Path device) throws IOException {
        List<String> partitions = new ArrayList<>();
        Path sys = sysRoot.resolve("class/block").resolve(device.getFileName().toString());
        for (Path child : list(sys.toRealPath())) {
            if (Files.exists(child.resolve("partition"))) {
                partitions.add(device.getParent().resolve(child.getFileName().toString()).toString());
            }
        }
        return partitions;
    }

    /**
     * What the drive seems to hold ("a BitLocker volume", "an NTFS volume", "non-zero data in its first MiB", ...), or
     * null when its first and last MiB are all zeros. Reads, never writes.
     */
    public String contents(Path target) throws IOException {
        Path real = target.toRealPath();
        return content(real, DeviceSize.of(real));
    }

    /** What the drive seems to hold, or null when its first and last MiB are all zeros. */
    static String content(Path real, long size) throws IOException {
        try (FileChannel channel = FileChannel.open(real, StandardOpenOption.READ)) {
            ByteBuffer head = ByteBuffer.allocate((int) Math.min(PROBE, size));
            channel.read(head, 0);
            byte[] bytes = head.array();
            String kind = signature(bytes);
            if (kind != null) {
                return kind;
            }
            if (!zeros(bytes)) {
                return "non-zero data in its first MiB";
            }
            ByteBuffer tail = ByteBuffer.allocate((int) Math.min(PROBE, size));
            channel.read(tail, size - tail.capacity());
            return zeros(tail.array()) ? null : "non-zero data in its last MiB";
        }
    }

    static String signature(byte[] head) {
        if (head.length < 1024) {
            return null;
        }
        String oem = new String(head, 3, 8, StandardCharsets.US_ASCII);
        if (oem.equals("NTFS    ")) {
            return "an NTFS volume";
        }
        if (oem.equals("-FVE-FS-")) {
            return "a BitLocker volume";
        }
        if (oem.equals("SEEDSHIP")) {
            return "a drive Seedship did not finish writing";
        }
        if (new String(head, 512, 8, StandardCharsets.US_ASCII).equals("EFI PART")) {
            return "a GPT partition table";
        }
        if ((head[510] & 0xff) == 0x55 && (head[511] & 0xff) == 0xAA) {
            return "a boot sector or partition table";
        }
        return null;
    }

    private static boolean zeros(byte[] bytes) {
        for (byte b : bytes) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private static String resolve(String source) {
        try {
            Path path = Path.of(unescape(source));
            return Files.exists(path) ? path.toRealPath().toString() : source;
        } catch (IOException | RuntimeException e) {
            return source;
        }
    }

    /** /proc/mounts escapes blanks and backslashes as octal. */
    private static String unescape(String field) {
        return field.replace("\\040", " ").replace("\\011", "\t").replace("\\012", "\n").replace("\\134", "\\");
    }

    private static List<String> lines(Path file) throws IOException {
        return Files.isReadable(file) ? Files.readAllLines(file) : List.of();
    }

    private static List<Path> list(Path dir) throws IOException {
        List<Path> entries = new ArrayList<>();
        if (Files.isDirectory(dir)) {
            try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
                stream.forEach(entries::add);
            }
        }
        return entries;
    }
}
