package io.seedship.diskprep.inventory;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.LongByReference;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A Linux block device's size and sector sizes, asked of the kernel with ioctl(2) on the opened device (through JNA),
 * as blockdev(8) does: the answer of the driver itself rather than a file that another layer renders.
 */
public final class BlockDevice {

    /** From asm-generic/fcntl.h (x86_64, aarch64, riscv64). */
    static final int O_RDONLY = 0;
    static final int O_CLOEXEC = 0x80000; // 02000000 octal

    /*
     * From linux/fs.h, with the asm-generic _IO/_IOR encoding (x86_64, aarch64, riscv64; powerpc and mips encode
     * directions differently): BLKGETSIZE64 = _IOR(0x12, 114, size_t), BLKSSZGET = _IO(0x12, 104),
     * BLKPBSZGET = _IO(0x12, 123).
     */
    static final long BLKGETSIZE64 = 0x80081272L;
    static final long BLKSSZGET = 0x1268L;
    static final long BLKPBSZGET = 0x127BL;

    /** What the kernel says of one block device. */
    public record Geometry(long sizeBytes, int logicalSectorSize, int physicalSectorSize) {
    }

    interface LibC extends Library {
        int open(String path, int flags) throws LastErrorException;

        // the request is an unsigned long in glibc's prototype, hence NativeLong
        int ioctl(int fd, NativeLong request, LongByReference value) throws LastErrorException;

        int ioctl(int fd, NativeLong request, IntByReference value) throws LastErrorException;

        int close(int fd) throws LastErrorException;
    }

    private static final class Holder {
        static final LibC LIBC = Native.load("c", LibC.class);
    }

    private BlockDevice() {
    }

    /** Opens the device read-only and asks its size and sector sizes. Needs read access to the node (root or disk group). */
    public static Geometry geometry(Path device) throws IOException {
        LibC libc = Holder.LIBC;
        int fd;
        try {
            fd = libc.open(device.toString(), O_RDONLY | O_CLOEXEC);
        } catch (LastErrorException e) {
            throw new IOException(device + ": cannot open to read its size (errno " + e.getErrorCode() + ")", e);
        }
        try {
            LongByReference size = new LongByReference();
            IntByReference logical = new IntByReference();
            IntByReference physical = new IntByReference();
            libc.ioctl(fd, new NativeLong(BLKGETSIZE64), size);
            libc.ioctl(fd, new NativeLong(BLKSSZGET), logical);
            libc.ioctl(fd, new NativeLong(BLKPBSZGET), physical);
            return new Geometry(size.getValue(), logical.getValue(), physical.getValue());
        } catch (LastErrorException e) {
            throw new IOException(device + ": is not a block device the kernel can size (errno " + e.getErrorCode() + ")", e);
        } finally {
            try {
                libc.close(fd);
            } catch (LastErrorException ignored) {
                // read-only descriptor: nothing to flush, nothing lost
            }
        }
    }
}
