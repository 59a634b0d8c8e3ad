package io.seedship.driveformat.write;

import io.seedship.driveformat.DriveException;
import io.seedship.driveformat.bitlocker.BitLockerException;
import io.seedship.driveformat.bitlocker.BitLockerKeys;
import io.seedship.driveformat.bitlocker.BitLockerLayout;
import io.seedship.driveformat.bitlocker.BitLockerVolume;
import io.seedship.driveformat.bitlocker.BitLockerWriter;
import io.seedship.driveformat.bitlocker.EncryptionMethod;
import io.seedship.driveformat.bitlocker.RecoveryPassword;
import io.seedship.driveformat.bitlocker.Xts;
import io.seedship.driveformat.journal.DriveJournal;
import io.seedship.driveformat.layout.ByteRange;
import io.seedship.driveformat.layout.DriveLayout;
import io.seedship.driveformat.layout.NtfsTools;
import io.seedship.driveformat.layout.PlacedFile;
import io.seedship.driveformat.layout.PlainLayout;
import io.seedship.driveformat.manifest.Base16;
import io.seedship.driveformat.manifest.DriveHeaderHash;
import io.seedship.driveformat.manifest.DriveManifest;
import io.seedship.driveformat.manifest.ManifestBlob;
import io.seedship.driveformat.manifest.ManifestBlock;
import io.seedship.driveformat.manifest.ManifestXml;
import io.seedship.driveformat.ntfs.NtfsFile;
import io.seedship.driveformat.ntfs.NtfsVolume;
import io.seedship.driveformat.plan.DrivePlan;
import io.seedship.driveformat.plan.PlannedFile;
import io.seedship.driveformat.plan.SourceFile;
import io.seedship.driveformat.check.TargetCheck;
import io.seedship.driveformat.volume.FileVolume;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one drive of a plan: NTFS laid out in plaintext with the ntfs-3g tools, sealed with BitLocker (the small NTFS
 * metadata encrypted in place), then each data byte written once, already encrypted, straight into its file's clusters;
 * the manifest last, and the BitLocker volume header in sector 0 as the very last write. Until then sector 0 carries a
 * "SEEDSHIP: incomplete" marker, so a drive cut off half way is never taken for a finished one by Windows, dislocker or
 * this library. A journal on the copy machine makes the write resumable after a crash or power loss.
 */
public final class DriveWriter {

    private static final Logger log = LoggerFactory.getLogger(DriveWriter.class);

    static final int SECTOR = 512;
    /** The manifest file is never smaller, so that NTFS does not keep it inside its MFT record. */
    static final int MIN_MANIFEST = 4096;
    /** No ClientCreator: not in the 2014-11-01 grammar (see ManifestXml). */
    static final String CREATOR = null;
    private static final long MIN_DRIVE = 16L * 1024 * 1024;

    /**
     * @param journalDir where drive journals live, one per drive id, on the copy machine
     * @param scratch    a local directory for small temporary files
     * @param syncEvery  bytes written between syncs (and journal entries)
     * @param overwrite  whether a drive holding data may be erased
     */
    public record Options(Path journalDir, Path scratch, EncryptionMethod method, boolean overwrite, long syncEvery,
                          SecureRandom random, Clock clock) {

        public static Options defaults(Path journalDir, Path scratch) {
            return new Options(journalDir, scratch, EncryptionMethod.AES_XTS_128, false, 256L * 1024 * 1024,
                    new SecureRandom(), Clock.systemUTC());
        }

        public Options withMethod(EncryptionMethod value) {
            return new Options(journalDir, scratch, value, overwrite, syncEvery, random, clock);
        }

        public Options withOverwrite(boolean value) {
            return new Options(journalDir, scratch, method, value, syncEvery, random, clock);
        }

        public Options withSyncEvery(long value) {
            return new Options(journalDir, scratch, method, overwrite, value, random, clock);
        }
    }

    private final Options options;
    private final TargetCheck targetCheck;

    public DriveWriter(Options options) {
        this(options, new TargetCheck());
    }

    DriveWriter(Options options, TargetCheck targetCheck) {
        this.options = options;
        this.targetCheck = targetCheck;
    }

    /** The journal of a drive. */
    public Path journalFile(String driveId) {
        return options.journalDir().resolve(driveId + ".journal");
    }

    /**
     * Writes (or finishes writing) the drive of {@code plan}. The recovery password is the caller's: it must keep it (to
     * resume, and for the import job) and pass the same one again to resume.
     */
    public WrittenDrive write(DrivePlan plan, RecoveryPassword password, ProgressListener progress) throws IOException {
        Path device = plan.target().device();
        String drive = device.toString();
        String fingerprint = fingerprint(plan, options.method());
        // a drive with no journal is new to us: refuse it before the journal is created
        check(plan);
        try (DriveJournal journal = DriveJournal.open(journalFile(plan.target().driveId()))) {
            List<String[]> planned = journal.entries("plan");
            boolean ours = !planned.isEmpty();
            if (ours && !planned.get(0)[1].equals(fingerprint)) {
                if (!options.overwrite()) {
                    throw new DriveException(drive, "its journal " + journal.file() + " belongs to another plan for drive "
                            + plan.target().driveId() + ": pass overwrite to start this drive over");
                }
                journal.reset();
                ours = false;
            }
            if (journal.has("committed")) {
                return finished(plan, journal, 0, true);
            }
            checkSources(plan);
            boolean resumed = journal.has("layout");
            if (!resumed) {
                // a layout cut off half way is redone from the start: the journal proves the drive is ours to erase
                long size = targetCheck.check(device, MIN_DRIVE, options.overwrite() || ours);
                if (size / 4096 > Integer.MAX_VALUE) {
                    throw new DriveException(drive, "is " + size + " bytes: drives above 8 TiB are not supported yet");
                }
                journal.reset();
                journal.append("plan", fingerprint);
                BitLockerKeys keys = layOut(plan, password, journal, size);
                return writeData(plan, password, keys, journal, false, progress);
            }
            log.info("drive {}: resuming from its journal {}", drive, journal.file());
            return writeData(plan, password, null, journal, true, progress);
        }
    }

    /**
     * The refusals of {@link #write} that need no journal and no password: for a drive without a journal (not being
     * written), the sources and the target checks. A caller runs it before it creates anything for the drive (its
     * recovery password, say), so that a refused drive leaves no trace; {@code write} runs it again. Writes nothing.
     */
    public void check(DrivePlan plan) throws IOException {
        if (!Files.exists(journalFile(plan.target().driveId()))) {
            checkSources(plan);
            targetCheck.check(plan.target().device(), MIN_DRIVE, options.overwrite());
        }
    }

    /** Returns the keys the drive was sealed with. */
    private BitLockerKeys layOut(DrivePlan plan, RecoveryPassword password, DriveJournal journal, long size) throws IOException {
        Path device = plan.target().device();
        String manifestPath = "\\" + UUID.randomUUID() + ".manifest";
        int manifestLength = padded(ManifestXml.write(templateManifest(plan)).length);
        log.info("drive {}: laying out NTFS with {} files", device, plan.files().size());
        long start = System.nanoTime();
        // the password's stretching (0.1-0.3 s of one core) runs beside the ntfs-3g tools, which mostly wait
        CompletableFuture<BitLockerWriter.PasswordKey> passwordKey = CompletableFuture.supplyAsync(
                () -> BitLockerWriter.stretch(password, options.random()),
                task -> Thread.ofPlatform().name("seedship-drive-stretch").daemon().start(task));
        PlainLayout layout;
        try {
            Files.createDirectories(options.scratch());
            layout = new DriveLayout(new NtfsTools(options.scratch()), options.scratch())
                    .build(plan, size, manifestPath, manifestLength);
        } catch (IOException | RuntimeException e) {
            passwordKey.thenAccept(BitLockerWriter.PasswordKey::close);
            throw e;
        }

        BitLockerKeys keys = BitLockerKeys.generate(options.method(), options.random());
        long[] areas = layout.metadataAreas().stream().mapToLong(ByteRange::offset).toArray();
        UUID volumeGuid = UUID.randomUUID();
        BitLockerLayout bitLocker = new BitLockerLayout(size, SECTOR, areas, layout.bootBackupArea().offset(), volumeGuid,
                options.clock().instant());
        try (BitLockerWriter.PasswordKey key = passwordKey.join()) {
            seal(device, layout, bitLocker, keys, key);
        }

        // small files went in whole with the layout: record their hashes with it
        for (int i = 0; i < plan.files().size(); i++) {
            PlannedFile file = plan.files().get(i);
            if (layout.files().get(i).copied() && file.source().length() > 0) {
                journal.append("blocks", Integer.toString(i), "0:" + md5(file.source().path()));
            }
        }
        journal.append("layout", manifestPath, Integer.toString(manifestLength), Long.toString(areas[0]),
                Long.toString(areas[1]), Long.toString(areas[2]), Long.toString(layout.bootBackupArea().offset()),
                volumeGuid.toString(), Long.toString(size));
        log.info("drive {}: NTFS laid out and sealed with BitLocker {} in {} ms ({} bytes of NTFS metadata encrypted in place)",
                device, options.method(), (System.nanoTime() - start) / 1_000_000, layout.plaintextMetadataBytes());
        return keys;
    }

    /** Turns the plaintext volume into a BitLocker one, except for sector 0 which gets the incomplete marker. */
    private void seal(Path device, PlainLayout layout, BitLockerLayout bitLocker, BitLockerKeys keys, BitLockerWriter.PasswordKey passwordKey)
            throws IOException {
        try (FileChannel channel = FileChannel.open(device, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            byte[] boot = new byte[DriveLayout.BOOT_SECTORS_BYTES];
            readFully(channel, boot, 0);
            byte[] area = BitLockerWriter.metadataArea(bitLocker, keys, passwordKey, options.random());
            for (long offset : bitLocker.metadataOffsets()) {
                writeFully(channel, area, 0, area.length, offset);
            }
            Xts xts = new Xts(keys.fvek());
            byte[] relocated = BitLockerWriter.relocatedBootSectors(boot, bitLocker, xts);
            writeFully(channel, relocated, 0, relocated.length, bitLocker.headerBackupOffset());
            byte[] marker = incompleteMarker();
            writeFully(channel, marker, 0, marker.length, 0);
            channel.force(true);

            byte[] buffer = new byte[1024 * 1024];
            for (ByteRange range : layout.plaintextMetadata()) {
                long done = 0;
                while (done < range.length()) {
                    int length = (int) Math.min(buffer.length, range.length() - done);
                    long at = range.offset() + done;
                    readFully(channel, buffer, length, at);
                    xts.encrypt(buffer, 0, length, at / SECTOR, SECTOR);
                    writeFully(channel, buffer, 0, length, at);
                    done += length;
                }
            }
            channel.force(true);
        }
    }

    /** @param sealedWith the keys the drive was just sealed with in this run; null when resuming (the password opens it) */
    private WrittenDrive writeData(DrivePlan plan, RecoveryPassword password, BitLockerKeys sealedWith, DriveJournal journal, boolean resumed,
                                   ProgressListener progress) throws IOException {
        Path device = plan.target().device();
        String drive = device.toString();
        String[] layout = journal.entries("layout").get(0);
        String manifestPath = layout[1];
        int manifestLength = Integer.parseInt(layout[2]);
        long metadataOffset = Long.parseLong(layout[3]);
        long size = Long.parseLong(layout[8]);

        try (FileVolume raw = FileVolume.open(device);
             FileChannel channel = FileChannel.open(device, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            if (raw.size() != size) {
                throw new DriveException(drive, "is " + raw.size() + " bytes, its journal says " + size + ": not the drive being written");
            }
            String oem = new String(raw.read(3, 8), StandardCharsets.US_ASCII);
            if (!oem.equals("SEEDSHIP") && !oem.equals("-FVE-FS-")) {
                throw new DriveException(drive, "no longer holds the half-written drive its journal " + journal.file() + " describes");
            }
            BitLockerVolume volume;
            try {
                volume = sealedWith != null ? BitLockerVolume.open(raw, sealedWith, metadataOffset)
                        : BitLockerVolume.unlock(raw, password, metadataOffset);
            } catch (BitLockerException e) {
                throw new DriveException(drive, "its BitLocker metadata cannot be opened with the recovery password given ("
                        + e.getMessage() + "): pass the drive's own password, or overwrite to start over", e);
            }
            if (!volume.layout().volumeGuid().toString().equals(layout[7])) {
                throw new DriveException(drive, "holds BitLocker volume " + volume.layout().volumeGuid() + ", its journal expects " + layout[7]);
            }
            NtfsVolume ntfs = NtfsVolume.open(volume);
            Map<Integer, Map<Integer, String>> md5s = journaledBlocks(journal);
            Xts xts = volume.newXts();

            List<BlockCopier.Job> jobs = new ArrayList<>();
            long total = 0;
            long done = 0;
            for (int i = 0; i < plan.files().size(); i++) {
                PlannedFile file = plan.files().get(i);
                long length = file.source().length();
                total += length;
                Map<Integer, String> fileMd5s = md5s.computeIfAbsent(i, k -> new HashMap<>());
                if (length < DriveLayout.COPY_BELOW) {
                    done += length;
                    continue;
                }
                NtfsFile ntfsFile = find(drive, ntfs, file.filePath());
                ClusterMap clusters = new ClusterMap(ntfsFile.extents(), ntfs.clusterSize());
                Set<Integer> doneBlocks = new HashSet<>(fileMd5s.keySet());
                jobs.add(new BlockCopier.Job(i, file.source().path(), length, file.source().blockMd5s(), clusters, doneBlocks));
            }
            if (resumed) {
                done += recheckLastBatch(journal, plan, ntfs, md5s, jobs);
            }
            long written = 0;
            long start = System.nanoTime();
            if (!journal.has("manifest")) {
                // the data bypasses the page cache where the drive allows it (see BlockCopier.openDirect)
                FileChannel direct = ntfs.clusterSize() % BlockCopier.DIRECT_ALIGNMENT == 0 ? BlockCopier.openDirect(device) : null;
                BlockCopier copier = new BlockCopier(direct != null ? direct : channel, drive, volume::newXts, ntfs.clusterSize());
                try (direct) {
                    written = copier.copy(jobs, options.syncEvery(), done, total, blocks -> {
                        Map<Integer, List<String>> byFile = new HashMap<>();
                        for (BlockCopier.Written block : blocks) {
                            byFile.computeIfAbsent(block.fileIndex(), k -> new ArrayList<>()).add(block.blockIndex() + ":" + block.md5());
                            md5s.get(block.fileIndex()).put(block.blockIndex(), block.md5());
                        }
                        for (Map.Entry<Integer, List<String>> entry : byFile.entrySet()) {
                            List<String> fields = new ArrayList<>();
                            fields.add(Integer.toString(entry.getKey()));
                            fields.addAll(entry.getValue());
                            journal.append("blocks", fields.toArray(String[]::new));
                        }
                    }, progress);
                }
                byte[] manifest = manifestBytes(plan, md5s, manifestLength);
                NtfsFile manifestFile = find(drive, ntfs, manifestPath);
                writeEncrypted(channel, xts, new ClusterMap(manifestFile.extents(), ntfs.clusterSize()), manifest, ntfs.clusterSize());
                channel.force(true);
                journal.append("manifest", Base16.md5(manifest));
            }

            byte[] bootSector = volume.read(0, SECTOR);
            byte[] header = BitLockerWriter.volumeHeader(volume.layout(), bootSector);
            writeFully(channel, header, 0, header.length, 0);
            channel.force(true);
            List<DriveHeaderHash.Range> areas = new ArrayList<>();
            for (long offset : volume.layout().metadataOffsets()) {
                areas.add(new DriveHeaderHash.Range(offset, DriveLayout.METADATA_AREA));
            }
            areas.add(new DriveHeaderHash.Range(volume.layout().headerBackupOffset(), DriveLayout.BOOT_BACKUP_AREA));
            String headerHash = DriveHeaderHash.compute(raw, DriveHeaderHash.ranges(size, areas));
            journal.append("committed", headerHash);
            log.info("drive {}: {} blobs written and sealed ({} data bytes this run in {} ms)", drive, plan.files().size(), written,
                    (System.nanoTime() - start) / 1_000_000);
            return finished(plan, journal, written, resumed);
        }
    }

    /**
     * The blocks journaled last were synced before being journaled; they are read back anyway, in case the drive lost
     * its cache with the power. A block that does not match is written again. Returns the bytes found good.
     */
    private long recheckLastBatch(DriveJournal journal, DrivePlan plan, NtfsVolume ntfs, Map<Integer, Map<Integer, String>> md5s,
                                  List<BlockCopier.Job> jobs) throws IOException {
        List<String[]> batches = journal.entries("blocks");
        Set<String> last = new HashSet<>();
        if (!batches.isEmpty()) {
            String[] batch = batches.get(batches.size() - 1);
            for (int f = 2; f < batch.length; f++) {
                last.add(batch[1] + ":" + batch[f].substring(0, batch[f].indexOf(':')));
            }
        }
        long good = 0;
        byte[] buffer = new byte[BlockCopier.BLOCK];
        for (BlockCopier.Job job : jobs) {
            NtfsFile file = find(plan.target().device().toString(), ntfs, plan.files().get(job.fileIndex()).filePath());
            for (Integer block : new ArrayList<>(job.doneBlocks())) {
                long offset = (long) block * BlockCopier.BLOCK;
                int length = (int) Math.min(BlockCopier.BLOCK, job.length() - offset);
                if (last.contains(job.fileIndex() + ":" + block)) {
                    ntfs.readFile(file, offset, ByteBuffer.wrap(buffer, 0, length));
                    MessageDigest md5 = Base16.md5();
                    md5.update(buffer, 0, length);
                    if (!Base16.of(md5.digest()).equals(md5s.get(job.fileIndex()).get(block))) {
                        log.warn("drive {}: block {} of {} did not survive the interruption: writing it again",
                                plan.target().device(), block, file.path());
                        job.doneBlocks().remove(block);
                        md5s.get(job.fileIndex()).remove(block);
                        continue;
                    }
                }
                good += length;
            }
        }
        return good;
    }

    private static Map<Integer, Map<Integer, String>> journaledBlocks(DriveJournal journal) {
        Map<Integer, Map<Integer, String>> md5s = new HashMap<>();
        for (String[] entry : journal.entries("blocks")) {
            Map<Integer, String> file = md5s.computeIfAbsent(Integer.parseInt(entry[1]), k -> new HashMap<>());
            for (int f = 2; f < entry.length; f++) {
                int colon = entry[f].indexOf(':');
                file.put(Integer.parseInt(entry[f].substring(0, colon)), entry[f].substring(colon + 1));
            }
        }
        return md5s;
    }

    private WrittenDrive finished(DrivePlan plan, DriveJournal journal, long written, boolean resumed) {
        String[] layout = journal.entries("layout").get(0);
        String manifestHash = journal.entries("manifest").get(0)[1];
        String headerHash = journal.entries("committed").get(0)[1];
        return new WrittenDrive(plan.target().driveId(), plan.target().device(), layout[1], manifestHash, headerHash,
                plan.files().size(), plan.dataBytes(), written, resumed);
    }

    private byte[] manifestBytes(DrivePlan plan, Map<Integer, Map<Integer, String>> md5s, int length) {
        List<ManifestBlob> blobs = new ArrayList<>();
        for (int i = 0; i < plan.files().size(); i++) {
            PlannedFile file = plan.files().get(i);
            Map<Integer, String> fileMd5s = md5s.getOrDefault(i, Map.of());
            List<ManifestBlock> blocks = new ArrayList<>();
            for (int b = 0; b < file.source().blockCount(); b++) {
                String md5 = fileMd5s.get(b);
                if (md5 == null) {
                    throw new IllegalStateException("block " + b + " of " + file.source().path() + " was never written");
                }
                long offset = (long) b * DriveManifest.MAX_BLOCK_SIZE;
                blocks.add(new ManifestBlock(offset, Math.min(DriveManifest.MAX_BLOCK_SIZE, file.source().length() - offset), md5));
            }
            blobs.add(new ManifestBlob(file.source().blobPath(), file.filePath(), file.source().length(), "rename", blocks));
        }
        byte[] xml = ManifestXml.write(new DriveManifest(plan.target().driveId(), CREATOR, blobs));
        if (padded(xml.length) != length) {
            throw new IllegalStateException("the manifest is " + xml.length + " bytes, " + length + " were reserved");
        }
        return pad(xml, length);
    }

    static DriveManifest templateManifest(DrivePlan plan) {
        String zero = "0".repeat(32);
        List<ManifestBlob> blobs = new ArrayList<>();
        for (PlannedFile file : plan.files()) {
            List<ManifestBlock> blocks = new ArrayList<>();
            for (int b = 0; b < file.source().blockCount(); b++) {
                long offset = (long) b * DriveManifest.MAX_BLOCK_SIZE;
                blocks.add(new ManifestBlock(offset, Math.min(DriveManifest.MAX_BLOCK_SIZE, file.source().length() - offset), zero));
            }
            blobs.add(new ManifestBlob(file.source().blobPath(), file.filePath(), file.source().length(), "rename", blocks));
        }
        return new DriveManifest(plan.target().driveId(), CREATOR, blobs);
    }

    private static int padded(int length) {
        return Math.max(length, MIN_MANIFEST);
    }

    /** Trailing white space after the root element is allowed by XML. */
    private static byte[] pad(byte[] xml, int length) {
        if (xml.length == length) {
            return xml;
        }
        byte[] padded = Arrays.copyOf(xml, length);
        Arrays.fill(padded, xml.length, length - 2, (byte) ' ');
        padded[length - 2] = '\r';
        padded[length - 1] = '\n';
        return padded;
    }

    private static void writeEncrypted(FileChannel channel, Xts xts, ClusterMap clusters, byte[] data, int clusterSize)
            throws IOException {
        int padded = (data.length + clusterSize - 1) / clusterSize * clusterSize;
        byte[] buffer = Arrays.copyOf(data, padded);
        int position = 0;
        for (ByteRange range : clusters.map(0, padded)) {
            xts.encrypt(buffer, position, (int) range.length(), range.offset() / SECTOR, SECTOR);
            writeFully(channel, buffer, position, (int) range.length(), range.offset());
            position += (int) range.length();
        }
    }

    private void checkSources(DrivePlan plan) throws IOException {
        for (PlannedFile file : plan.files()) {
            SourceFile source = file.source();
            Path path = source.path();
            if (!Files.isRegularFile(path)) {
                throw new DriveException(path.toString(), "is not a regular file (planned as blob " + source.blobPath() + ")");
            }
            if (!Files.isReadable(path)) {
                throw new DriveException(path.toString(), "is not readable by this process (planned as blob " + source.blobPath() + ")");
            }
            long size = Files.size(path);
            if (size != source.length()) {
                throw new DriveException(path.toString(), "is " + size + " bytes where " + source.length() + " were planned: it changed after planning");
            }
            try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
                channel.read(ByteBuffer.allocate(1), Math.max(0, size - 1));
            } catch (IOException e) {
                throw new DriveException(path.toString(), "cannot be read: " + e.getMessage(), e);
            }
        }
    }

    private static NtfsFile find(String drive, NtfsVolume ntfs, String path) throws IOException {
        return ntfs.find(path).orElseThrow(() -> new DriveException(drive, path + " is missing from the drive's NTFS volume"));
    }

    static String fingerprint(DrivePlan plan, EncryptionMethod method) {
        MessageDigest sha = Base16.digest("SHA-256");
        StringBuilder text = new StringBuilder();
        text.append(plan.target().driveId()).append('\n').append(plan.target().device()).append('\n').append(method).append('\n');
        for (PlannedFile file : plan.files()) {
            SourceFile source = file.source();
            text.append(source.path()).append('\t').append(source.blobPath()).append('\t').append(source.length()).append('\t')
                    .append(file.filePath()).append('\t').append(source.blockMd5s()).append('\n');
        }
        return Base16.of(sha.digest(text.toString().getBytes(StandardCharsets.UTF_8)));
    }

    private static String md5(Path file) throws IOException {
        return Base16.md5(Files.readAllBytes(file));
    }

    /** Sector 0 while the drive is incomplete: no jump, no NTFS or BitLocker signature, a plain statement. */
    static byte[] incompleteMarker() {
        byte[] sectors = new byte[DriveLayout.BOOT_SECTORS_BYTES];
        byte[] oem = "SEEDSHIP".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(oem, 0, sectors, 3, oem.length);
        byte[] text = "Seedship drive being written: INCOMPLETE, do not ship.".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(text, 0, sectors, 16, text.length);
        return sectors;
    }

    private static void readFully(FileChannel channel, byte[] buffer, long offset) throws IOException {
        readFully(channel, buffer, buffer.length, offset);
    }

    private static void readFully(FileChannel channel, byte[] buffer, int length, long offset) throws IOException {
        ByteBuffer into = ByteBuffer.wrap(buffer, 0, length);
        long at = offset;
        while (into.hasRemaining()) {
            int n = channel.read(into, at);
            if (n < 0) {
                throw new java.io.EOFException("read past the end of the drive at byte " + at);
            }
            at += n;
        }
    }

    private static void writeFully(FileChannel channel, byte[] buffer, int offset, int length, long at) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(buffer, offset, length);
        long position = at;
        while (bytes.hasRemaining()) {
            position += channel.write(bytes, position);
        }
    }
}
