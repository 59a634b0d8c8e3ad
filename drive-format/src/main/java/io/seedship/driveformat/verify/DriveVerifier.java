package io.seedship.driveformat.verify;

import io.seedship.driveformat.DriveException;
import io.seedship.driveformat.bitlocker.BitLockerVolume;
import io.seedship.driveformat.bitlocker.RecoveryPassword;
import io.seedship.driveformat.manifest.Base16;
import io.seedship.driveformat.manifest.DriveManifest;
import io.seedship.driveformat.manifest.ManifestBlob;
import io.seedship.driveformat.manifest.ManifestBlock;
import io.seedship.driveformat.manifest.ManifestXml;
import io.seedship.driveformat.ntfs.NtfsFile;
import io.seedship.driveformat.ntfs.NtfsVolume;
import io.seedship.driveformat.volume.FileVolume;
import io.seedship.driveformat.write.ProgressListener;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The check an operator runs before shipping: opens the drive with its recovery password, the way the datacenter will,
 * finds its manifest, and re-reads every block of every blob, comparing its MD5 with the manifest's.
 */
public final class DriveVerifier {

    private DriveVerifier() {
    }

    public static VerifyReport verify(Path device, RecoveryPassword password, ProgressListener progress) throws IOException {
        String drive = device.toString();
        try (FileVolume raw = FileVolume.open(device)) {
            String oem = new String(raw.read(3, 8), StandardCharsets.US_ASCII);
            if (oem.equals("SEEDSHIP")) {
                throw new DriveException(drive, "was not finished: its writer stopped before sealing it; resume the write");
            }
            BitLockerVolume volume = BitLockerVolume.unlock(raw, password);
            NtfsVolume ntfs = NtfsVolume.open(volume);
            NtfsFile manifestFile = manifestFile(drive, ntfs);
            byte[] manifestBytes = new byte[Math.toIntExact(manifestFile.dataSize())];
            ntfs.readFile(manifestFile, 0, ByteBuffer.wrap(manifestBytes));
            DriveManifest manifest = ManifestXml.read(new ByteArrayInputStream(manifestBytes));

            List<String> problems = new ArrayList<>();
            long total = manifest.dataBytes();
            long bytes = 0;
            long blocks = 0;
            byte[] buffer = new byte[(int) DriveManifest.MAX_BLOCK_SIZE];
            MessageDigest md5 = Base16.md5();
            for (ManifestBlob blob : manifest.blobs()) {
                Optional<NtfsFile> found = ntfs.find(blob.filePath());
                if (found.isEmpty()) {
                    problems.add(blob.blobPath() + ": file " + blob.filePath() + " is missing");
                    continue;
                }
                NtfsFile file = found.get();
                if (file.dataSize() != blob.length()) {
                    problems.add(blob.blobPath() + ": file " + blob.filePath() + " is " + file.dataSize() + " bytes, the manifest says " + blob.length());
                    continue;
                }
                for (ManifestBlock block : blob.blocks()) {
                    int length = (int) block.length();
                    ntfs.readFile(file, block.offset(), ByteBuffer.wrap(buffer, 0, length));
                    md5.update(buffer, 0, length);
                    String actual = Base16.of(md5.digest());
                    if (!actual.equals(block.md5())) {
                        problems.add(blob.blobPath() + ": block at " + block.offset() + " has MD5 " + actual + ", the manifest says " + block.md5());
                    }
                    blocks++;
                    bytes += length;
                    progress.written(bytes, total);
                }
            }
            return new VerifyReport(manifest.driveId(), manifestFile.path(), Base16.md5(manifestBytes), manifest.blobs().size(),
                    blocks, bytes, problems);
        }
    }

    private static NtfsFile manifestFile(String drive, NtfsVolume ntfs) throws IOException {
        List<NtfsFile> manifests = ntfs.files().stream()
                .filter(f -> !f.directory() && f.path().lastIndexOf('\\') == 0 && f.path().endsWith(".manifest"))
                .toList();
        if (manifests.size() != 1) {
            throw new DriveException(drive, "holds " + manifests.size() + " manifest files in its root, exactly one expected");
        }
        return manifests.get(0);
    }
}
