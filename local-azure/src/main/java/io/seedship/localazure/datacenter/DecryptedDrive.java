package io.seedship.localazure.datacenter;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * One shipped drive opened the way the datacenter's own readers open it: {@code dislocker-file} decrypts the whole
 * BitLocker volume into a plain NTFS image in the work directory (no FUSE, no device-mapper here), then
 * {@code ntfsls} and {@code ntfscat} read that image. The decrypted image is as large as the volume and is deleted on
 * {@link #close()}.
 *
 * <p>The recovery password is handed to dislocker on its command line, as its interface requires (dislocker masks it
 * there once started); it is never
 * logged, never put in an exception message, and dislocker's output is not passed on.
 */
final class DecryptedDrive implements AutoCloseable {

  private static final Pattern RECOVERY_PASSWORD = Pattern.compile("(\\d{6}-){7}\\d{6}");
  private static final long TOOL_TIMEOUT_MINUTES = 60;

  private final Path image;
  private final Map<String, Set<String>> listed = new HashMap<>();

  private DecryptedDrive(Path image) {
    this.image = image;
  }

  /**
   * Checks that {@code device} holds a BitLocker volume, then decrypts it with {@code password}.
   *
   * @throws DriveFailure DiskNotFound, BitLockerNotActivated, BitLockerVolumeNotFound, BitLockerKeyInvalid or
   *                      BitLockerUnlockVolumeFailed
   */
  static DecryptedDrive open(Path device, String password, Path workDir, String driveId) throws DriveFailure {
    requireBitLocker(device);
    if (password == null || !RECOVERY_PASSWORD.matcher(password.strip()).matches() || !groupsValid(password.strip())) {
      throw new DriveFailure("BitLockerKeyInvalid", "the job's BitLocker key for drive " + driveId
          + " is not a numerical recovery password (8 groups of 6 digits, each a multiple of 11 below 720896)");
    }
    Path out;
    try {
      Files.createDirectories(workDir);
      out = Files.createTempFile(workDir, driveId.replaceAll("[^A-Za-z0-9_-]", "_") + "-", ".ntfs");
      Files.delete(out);
    } catch (IOException e) {
      throw new DriveFailure("InternalError", "cannot prepare the work directory " + workDir + ": " + e.getMessage(), e);
    }
    int exit;
    String output;
    try {
      Process process = new ProcessBuilder(DriveTools.locate("dislocker-file"), "-r", "-V", device.toString(),
          "-p" + password.strip(), out.toString()).redirectErrorStream(true).start();
      process.getOutputStream().close();
      output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(TOOL_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        deleteQuietly(out);
        throw new DriveFailure("BitLockerUnlockVolumeFailed", "dislocker-file did not finish decrypting drive "
            + driveId + " within " + TOOL_TIMEOUT_MINUTES + " minutes");
      }
      exit = process.exitValue();
    } catch (IOException e) {
      deleteQuietly(out);
      throw new DriveFailure("BitLockerFailed", "cannot run dislocker-file for drive " + driveId + ": "
          + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      deleteQuietly(out);
      throw new DriveFailure("InternalError", "interrupted while decrypting drive " + driveId, e);
    }
    // dislocker exits 139 (a segfault) on most errors, a wrong password included: judge by what it wrote
    if (!startsWith(out, 3, "NTFS    ")) {
      deleteQuietly(out);
      boolean keyRefused = output.contains("None of the provided decryption mean")
          || output.contains("Can't decrypt correctly the VMK") || output.contains("recovery password");
      throw new DriveFailure(keyRefused || exit == 139 ? "BitLockerKeyInvalid" : "BitLockerUnlockVolumeFailed",
          "dislocker-file could not decrypt drive " + driveId + " with the job's BitLocker key (exit " + exit
              + (keyRefused ? ", the key opens none of the volume's protectors)" : ")"));
    }
    return new DecryptedDrive(out);
  }

  /** The raw device is a BitLocker volume: "-FVE-FS-" at byte 3 of its first sector. */
  static void requireBitLocker(Path device) throws DriveFailure {
    if (!Files.isReadable(device)) {
      throw new DriveFailure("DiskNotFound", "the drive " + device + " cannot be read");
    }
    if (startsWith(device, 3, "-FVE-FS-")) {
      return;
    }
    if (startsWith(device, 3, "NTFS    ")) {
      throw new DriveFailure("BitLockerNotActivated", "the drive " + device + " holds a plain NTFS volume:"
          + " BitLocker is not turned on");
    }
    throw new DriveFailure("BitLockerVolumeNotFound", "the drive " + device + " holds no BitLocker volume"
        + " ('-FVE-FS-' is not at byte 3 of its first sector)");
  }

  private static boolean groupsValid(String password) {
    for (String group : password.split("-")) {
      int value = Integer.parseInt(group);
      if (value % 11 != 0 || value / 11 >= 65536) {
        return false;
      }
    }
    return true;
  }

  static boolean startsWith(Path file, int offset, String text) {
    byte[] expected = text.getBytes(StandardCharsets.US_ASCII);
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      ByteBuffer buffer = ByteBuffer.allocate(expected.length);
      while (buffer.hasRemaining()) {
        if (channel.read(buffer, offset + buffer.position()) < 0) {
          return false;
        }
      }
      return java.util.Arrays.equals(buffer.array(), expected);
    } catch (IOException e) {
      return false;
    }
  }

  /** The names in the directory of {@code windowsPath} ("\dir\name": lists "\dir"), via ntfsls. */
  List<String> list(String windowsDirectory) throws IOException {
    Process process = new ProcessBuilder(DriveTools.locate("ntfsls"), "-a", "-p", unix(windowsDirectory),
        image.toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    process.getOutputStream().close();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (waitFor(process) != 0) {
      throw new IOException("ntfsls cannot list " + windowsDirectory + " (exit " + process.exitValue() + ")");
    }
    List<String> names = new ArrayList<>();
    out.lines().map(String::strip).filter(l -> !l.isEmpty()).forEach(names::add);
    return names;
  }

  /**
   * True when the file exists: its name is listed in its directory (NTFS names compare case-insensitively). Each
   * directory is listed once per drive: a drive may hold many thousands of files in one directory.
   */
  boolean exists(String windowsPath) throws IOException {
    String path = windowsPath.replace('/', '\\');
    int slash = path.lastIndexOf('\\');
    String dir = (slash <= 0 ? "\\" : path.substring(0, slash)).toLowerCase(Locale.ROOT);
    String name = path.substring(slash + 1).toLowerCase(Locale.ROOT);
    Set<String> names = listed.get(dir);
    if (names == null) {
      names = new HashSet<>();
      for (String listedName : list(dir)) {
        names.add(listedName.toLowerCase(Locale.ROOT));
      }
      listed.put(dir, names);
    }
    return names.contains(name);
  }

  /** The file's bytes as ntfscat reads them; the caller closes the stream (and so ends ntfscat). */
  FileStream open(String windowsPath) throws IOException {
    Process process = new ProcessBuilder(DriveTools.locate("ntfscat"), image.toString(), unix(windowsPath))
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    process.getOutputStream().close();
    return new FileStream(process);
  }

  byte[] readAll(String windowsPath) throws IOException {
    try (FileStream in = open(windowsPath)) {
      byte[] bytes = in.readAllBytes();
      if (in.exitCode() != 0) {
        throw new IOException("ntfscat cannot read " + windowsPath + " (exit " + in.exitCode() + ")");
      }
      return bytes;
    }
  }

  /** ntfscat's output; {@link #exitCode()} waits for it once the bytes are read. */
  static final class FileStream extends InputStream {
    private final Process process;
    private final InputStream in;

    FileStream(Process process) {
      this.process = process;
      this.in = process.getInputStream();
    }

    @Override
    public int read() throws IOException {
      return in.read();
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      return in.read(b, off, len);
    }

    int exitCode() throws IOException {
      return waitFor(process);
    }

    @Override
    public void close() throws IOException {
      in.close();
      if (process.isAlive()) {
        process.destroy();
      }
    }
  }

  private static int waitFor(Process process) throws IOException {
    try {
      if (!process.waitFor(TOOL_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new IOException("an ntfs-3g tool did not finish within " + TOOL_TIMEOUT_MINUTES + " minutes");
      }
      return process.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      throw new IOException("interrupted", e);
    }
  }

  private static String unix(String windowsPath) {
    String path = windowsPath.replace('\\', '/');
    return path.startsWith("/") ? path : "/" + path;
  }

  @Override
  public void close() {
    deleteQuietly(image);
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException ignored) {
      // a leftover scratch file is not worth failing the drive for
    }
  }
}
