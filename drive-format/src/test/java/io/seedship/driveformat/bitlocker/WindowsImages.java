package io.seedship.driveformat.bitlocker;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** cryptsetup's Windows-made BitLocker test images, unpacked once per JVM, and their images.conf. */
final class WindowsImages {

    private static Path dir;
    private static Map<String, Map<String, String>> conf;

    private WindowsImages() {
    }

    /** The directory holding the unpacked images and images.conf. */
    static synchronized Path dir() throws IOException, InterruptedException {
        if (dir == null) {
            Path tmp = Files.createTempDirectory("bitlk-images");
            Path archive = archive();
            Process tar = new ProcessBuilder("tar", "-xJf", archive.toString(), "-C", tmp.toString())
                    .redirectErrorStream(true).start();
            String out = new String(tar.getInputStream().readAllBytes());
            if (!tar.waitFor(10, TimeUnit.MINUTES) || tar.exitValue() != 0) {
                throw new IOException("tar failed: " + out);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> TestFiles.deleteQuietly(tmp)));
            dir = tmp.resolve("bitlk-images");
        }
        return dir;
    }

    static Path image(String name) throws IOException, InterruptedException {
        return dir().resolve(name + ".img");
    }

    /** images.conf: section name to its KEY=VALUE lines, in file order. */
    static synchronized Map<String, Map<String, String>> conf() throws IOException, InterruptedException {
        if (conf == null) {
            Map<String, Map<String, String>> sections = new LinkedHashMap<>();
            Map<String, String> current = null;
            for (String line : Files.readAllLines(dir().resolve("images.conf"))) {
                line = line.strip();
                if (line.startsWith("[") && line.endsWith("]")) {
                    current = new LinkedHashMap<>();
                    sections.put(line.substring(1, line.length() - 1), current);
                } else if (current != null && line.contains("=")) {
                    int eq = line.indexOf('=');
                    current.put(line.substring(0, eq), line.substring(eq + 1));
                }
            }
            conf = sections;
        }
        return conf;
    }

    /** Names of the images whose cipher is AES-XTS and that have a recovery password. */
    static List<String> xtsWithRecoveryPassword() throws IOException, InterruptedException {
        return conf().entrySet().stream()
                .filter(e -> "aes-xts-plain64".equals(e.getValue().get("CIPHER")))
                .filter(e -> !e.getValue().getOrDefault("RP", "").isEmpty())
                .map(Map.Entry::getKey).toList();
    }

    private static Path archive() throws IOException {
        URL url = WindowsImages.class.getResource("/bitlk-images/bitlk-images.tar.xz");
        try {
            if (url != null && "file".equals(url.getProtocol())) {
                return Path.of(url.toURI());
            }
        } catch (URISyntaxException e) {
            throw new IOException(e);
        }
        Path inModule = Path.of("src/test/resources/bitlk-images/bitlk-images.tar.xz");
        if (Files.isRegularFile(inModule)) {
            return inModule;
        }
        throw new IOException("bitlk-images.tar.xz not found on the test classpath nor in " + inModule.toAbsolutePath());
    }
}
