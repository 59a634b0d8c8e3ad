package io.seedship.driveformat.bitlocker;

import static io.seedship.driveformat.bitlocker.BitLockerException.Reason.CORRUPT;
import static io.seedship.driveformat.bitlocker.BitLockerException.Reason.NOT_BITLOCKER;
import static io.seedship.driveformat.bitlocker.BitLockerException.Reason.UNSUPPORTED;
import static io.seedship.driveformat.bitlocker.BitLockerException.Reason.WRONG_PASSWORD;

import io.seedship.driveformat.volume.VolumeReader;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.crypto.AEADBadTagException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The decrypted view of a BitLocker volume (AES-XTS, opened with a recovery password), the way dislocker and
 * cryptsetup present it: sectors 0-15 (8 KiB; a larger region on BitLocker To Go) come decrypted from the header
 * backup area, the three 64 KiB metadata areas
 * and the 8 KiB header backup area read as zeros, every other sector is XTS-decrypted with its sector number as
 * tweak. Its size is the encrypted volume size recorded in the metadata.
 *
 * <p>Reads are serialized (one XTS engine and one buffer). Closing the volume closes the raw reader.
 */
public final class BitLockerVolume implements VolumeReader {

    private static final Logger log = LoggerFactory.getLogger(BitLockerVolume.class);
    private static final int CHUNK = 1 << 20;

    private final VolumeReader raw;
    private final EncryptionMethod method;
    private final BitLockerLayout layout;
    /** Bytes at the start of the volume stored (encrypted) in the header backup area: 8 KiB, more on To Go volumes. */
    private final long headerSize;
    private final byte[] fvek;
    private final Xts xts;
    /** Start and end of each area that reads as zeros, sorted by start. */
    private final long[][] zeroAreas;
    private final byte[] buffer = new byte[CHUNK];

    private BitLockerVolume(VolumeReader raw, EncryptionMethod method, BitLockerLayout layout, long headerSize, byte[] fvek) {
        this.raw = raw;
        this.method = method;
        this.layout = layout;
        this.headerSize = headerSize;
        this.fvek = fvek;
        this.xts = new Xts(fvek);
        List<long[]> areas = new ArrayList<>();
        for (long m : layout.metadataOffsets()) {
            areas.add(new long[] {m, m + BitLockerLayout.METADATA_AREA_SIZE});
        }
        areas.add(new long[] {layout.headerBackupOffset(), layout.headerBackupOffset() + headerSize});
        areas.sort((a, b) -> Long.compare(a[0], b[0]));
        this.zeroAreas = areas.toArray(long[][]::new);
    }

    /** Opens a volume whose sector 0 is a BitLocker header; the metadata copies it points to are tried in turn. */
    public static BitLockerVolume unlock(VolumeReader raw, RecoveryPassword password) throws IOException {
        if (raw.size() < 512) {
            throw new BitLockerException(NOT_BITLOCKER, "the device is smaller than one sector");
        }
        VolumeHeader.Parsed header = VolumeHeader.parse(raw.read(0, 512));
        FveMetadata metadata = readMetadata(raw, header.metadataOffsets());
        return open(raw, m -> openVmk(m, password), metadata, header.sectorSize(), header.encryptOnWrite());
    }

    /**
     * Opens a volume from the metadata block at {@code metadataOffset}, whatever sector 0 holds: for a drive whose
     * header is not written yet. If that copy is damaged, the other copies its header names are tried.
     */
    public static BitLockerVolume unlock(VolumeReader raw, RecoveryPassword password, long metadataOffset) throws IOException {
        FveMetadata metadata = metadataAt(raw, metadataOffset);
        // sector 0 may not be there to say it: 8 KiB of header sectors tell the sector size
        int sectorSize = metadata.headerSectors == 2 ? 4096 : 512;
        return open(raw, m -> openVmk(m, password), metadata, sectorSize, false);
    }

    /**
     * Opens, like {@link #unlock(VolumeReader, RecoveryPassword, long)}, a volume this process has just sealed, with
     * the keys it sealed it with instead of the recovery password: the metadata must hold these keys' FVEK under their
     * VMK. Spares a second stretching of the password (0.1-0.3 s of SHA-256) right after the sealing did it.
     */
    public static BitLockerVolume open(VolumeReader raw, BitLockerKeys keys, long metadataOffset) throws IOException {
        FveMetadata metadata = metadataAt(raw, metadataOffset);
        int sectorSize = metadata.headerSectors == 2 ? 4096 : 512;
        BitLockerVolume volume = open(raw, m -> keys.vmk(), metadata, sectorSize, false);
        byte[] expected = keys.fvek();
        try {
            if (!java.security.MessageDigest.isEqual(expected, volume.fvek)) {
                throw new BitLockerException(CORRUPT, "the FVE metadata holds another FVEK than the one it was sealed with");
            }
        } finally {
            Arrays.fill(expected, (byte) 0);
        }
        return volume;
    }

    private static FveMetadata metadataAt(VolumeReader raw, long metadataOffset) throws IOException {
        byte[] area = readArea(raw, metadataOffset);
        FveMetadata metadata;
        try {
            metadata = FveMetadata.parse(area, metadataOffset);
        } catch (BitLockerException e) {
            long[] others = FveMetadata.peekOffsets(area);
            if (e.reason() != CORRUPT || others == null) {
                throw e;
            }
            metadata = readMetadata(raw, others);
        }
        return metadata;
    }

    /** How the VMK is had: from the recovery password, or known. */
    private interface VmkSource {
        byte[] vmk(FveMetadata metadata) throws BitLockerException;
    }

    private static FveMetadata readMetadata(VolumeReader raw, long[] offsets) throws IOException {
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < offsets.length; i++) {
            try {
                return FveMetadata.parse(readArea(raw, offsets[i]), offsets[i]);
            } catch (BitLockerException e) {
                if (e.reason() == UNSUPPORTED) {
                    throw e;
                }
                problems.add("copy " + (i + 1) + ": " + e.getMessage());
            }
        }
        throw new BitLockerException(CORRUPT, "no valid FVE metadata block (" + String.join("; ", problems) + ")");
    }

    private static byte[] readArea(VolumeReader raw, long offset) throws IOException {
        if (offset < 0 || offset > raw.size() - 512) {
            throw new BitLockerException(CORRUPT, "FVE metadata offset " + offset + " is outside the device");
        }
        return raw.read(offset, (int) Math.min(BitLockerLayout.METADATA_AREA_SIZE, raw.size() - offset));
    }

    private static BitLockerVolume open(VolumeReader raw, VmkSource vmkSource, FveMetadata m, int sectorSize,
                                        boolean encryptOnWrite) throws IOException {
        EncryptionMethod method;
        try {
            method = EncryptionMethod.ofCode(m.method);
        } catch (IllegalArgumentException e) {
            throw new BitLockerException(UNSUPPORTED, "volume encrypted with " + EncryptionMethod.describe(m.method)
                    + " (0x" + Integer.toHexString(m.method) + "): only AES-XTS is supported");
        }
        if (encryptOnWrite) {
            // never-written sectors stay in plaintext and only a conversion log tells which: cryptsetup refuses too
            throw new BitLockerException(UNSUPPORTED, "volume encrypted on write (used space only): which sectors are"
                    + " still plaintext is not tracked by this reader");
        }
        if (m.currentState != FveMetadata.STATE_ENCRYPTED || m.nextState != FveMetadata.STATE_ENCRYPTED) {
            throw new BitLockerException(UNSUPPORTED, "volume is not fully encrypted (state " + m.currentState + "/"
                    + m.nextState + "): a conversion is in progress or paused");
        }
        if (m.headerBackupOffset < 0) {
            throw new BitLockerException(CORRUPT, "no volume header entry: the location of sectors 0-15 is unknown");
        }
        if (m.headerBackupSize <= 0 || m.headerBackupSize % sectorSize != 0
                || m.headerBackupOffset % sectorSize != 0 || m.headerBackupOffset > m.encryptedVolumeSize - m.headerBackupSize) {
            throw new BitLockerException(CORRUPT, "impossible header backup area of " + m.headerBackupSize + " bytes at "
                    + m.headerBackupOffset);
        }
        if (m.encryptedVolumeSize > raw.size()) {
            throw new BitLockerException(CORRUPT, "encrypted volume size " + m.encryptedVolumeSize
                    + " is larger than the device (" + raw.size() + " bytes)");
        }
        BitLockerLayout layout;
        try {
            layout = new BitLockerLayout(m.encryptedVolumeSize, sectorSize, m.metadataOffsets, m.headerBackupOffset,
                    m.volumeGuid, m.created);
        } catch (IllegalArgumentException e) {
            throw new BitLockerException(CORRUPT, "impossible layout in the FVE metadata: " + e.getMessage());
        }
        byte[] vmk = vmkSource.vmk(m);
        try {
            BitLockerVolume volume = new BitLockerVolume(raw, method, layout, m.headerBackupSize, openFvek(m, vmk, method));
            log.debug("unlocked BitLocker volume {} ({}, {} bytes)", layout.volumeGuid(), method, layout.volumeSize());
            return volume;
        } finally {
            Arrays.fill(vmk, (byte) 0);
        }
    }

    private static byte[] openVmk(FveMetadata m, RecoveryPassword password) throws BitLockerException {
        int candidates = 0;
        for (FveMetadata.Protector p : m.protectors) {
            if (p.protection() != FveMetadata.PROTECTION_RECOVERY_PASSWORD || p.salt() == null || p.key() == null) {
                continue;
            }
            candidates++;
            byte[] stretched = KeyStretch.recoveryPasswordKey(password, p.salt());
            byte[] record = null;
            try {
                record = AesCcm.open(stretched, p.key().nonce(), p.key().data());
                return FveMetadata.keyOf(record, BitLockerKeys.VMK_LENGTH);
            } catch (AEADBadTagException e) {
                // another recovery-password protector may match
            } catch (IllegalArgumentException e) {
                throw new BitLockerException(CORRUPT, "the recovery-password protector " + p.guid() + " holds a malformed VMK record");
            } finally {
                Arrays.fill(stretched, (byte) 0);
                if (record != null) {
                    Arrays.fill(record, (byte) 0);
                }
            }
        }
        if (candidates == 0) {
            throw new BitLockerException(UNSUPPORTED, "the volume has no recovery-password protector (" + m.protectors.size()
                    + " other protectors)");
        }
        throw new BitLockerException(WRONG_PASSWORD, "the recovery password does not open "
                + (candidates == 1 ? "the recovery-password protector" : "any of the " + candidates + " recovery-password protectors"));
    }

    private static byte[] openFvek(FveMetadata m, byte[] vmk, EncryptionMethod method) throws BitLockerException {
        if (m.fvek == null) {
            throw new BitLockerException(CORRUPT, "no FVEK entry in the FVE metadata");
        }
        byte[] record = null;
        try {
            record = AesCcm.open(vmk, m.fvek.nonce(), m.fvek.data());
            return FveMetadata.keyOf(record, method.keyLength());
        } catch (AEADBadTagException e) {
            throw new BitLockerException(CORRUPT, "the FVEK entry does not verify under the VMK");
        } catch (IllegalArgumentException e) {
            throw new BitLockerException(CORRUPT, "the FVEK record does not hold a " + method + " key");
        } finally {
            if (record != null) {
                Arrays.fill(record, (byte) 0);
            }
        }
    }

    public EncryptionMethod method() {
        return method;
    }

    public BitLockerLayout layout() {
        return layout;
    }

    /** The encrypted volume size from the metadata block header. */
    @Override
    public long size() {
        return layout.volumeSize();
    }

    /** A new XTS engine with this volume's FVEK, so that a writer can resume a half-written drive. */
    public Xts newXts() {
        return new Xts(fvek);
    }

    @Override
    public synchronized void read(long offset, ByteBuffer dst) throws IOException {
        long end = offset + dst.remaining();
        if (offset < 0 || end > size()) {
            throw new EOFException("read of " + dst.remaining() + " bytes at " + offset + " outside the volume of " + size() + " bytes");
        }
        int sectorSize = layout.sectorSize();
        long alignedEnd = (end + sectorSize - 1) / sectorSize * sectorSize;
        long pos = offset;
        while (pos < end) {
            long start = pos - pos % sectorSize;
            int length = (int) Math.min(CHUNK, alignedEnd - start);
            fill(start, length);
            int skip = (int) (pos - start);
            int n = (int) Math.min(length - skip, end - pos);
            dst.put(buffer, skip, n);
            pos += n;
        }
    }

    /** Puts the decrypted view of [start, start + length) (both sector-aligned) into the buffer. */
    private void fill(long start, int length) throws IOException {
        int sectorSize = layout.sectorSize();
        long end = start + length;
        long p = start;
        while (p < end) {
            int at = (int) (p - start);
            long runEnd;
            if (p < headerSize) {
                runEnd = Math.min(end, headerSize);
                long stored = layout.headerBackupOffset() + p;
                raw.read(stored, ByteBuffer.wrap(buffer, at, (int) (runEnd - p)));
                xts.decrypt(buffer, at, (int) (runEnd - p), stored / sectorSize, sectorSize);
            } else {
                long[] zero = zeroAreaAt(p);
                if (zero != null) {
                    runEnd = Math.min(end, zero[1]);
                    Arrays.fill(buffer, at, at + (int) (runEnd - p), (byte) 0);
                } else {
                    runEnd = Math.min(end, nextZeroArea(p));
                    raw.read(p, ByteBuffer.wrap(buffer, at, (int) (runEnd - p)));
                    xts.decrypt(buffer, at, (int) (runEnd - p), p / sectorSize, sectorSize);
                }
            }
            p = runEnd;
        }
    }

    private long[] zeroAreaAt(long p) {
        for (long[] a : zeroAreas) {
            if (p >= a[0] && p < a[1]) {
                return a;
            }
        }
        return null;
    }

    private long nextZeroArea(long p) {
        for (long[] a : zeroAreas) {
            if (a[0] > p) {
                return a[0];
            }
        }
        return Long.MAX_VALUE;
    }

    @Override
    public void close() throws IOException {
        Arrays.fill(fvek, (byte) 0);
        raw.close();
    }
}
