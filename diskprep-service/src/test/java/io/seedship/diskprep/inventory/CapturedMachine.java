package io.seedship.diskprep.inventory;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * A captured copy machine under src/test/resources/inventory/machine, copied into a temporary directory with its sysfs
 * symbolic links made again (listed in its file "links": resources do not carry links through the build).
 */
final class CapturedMachine {

    private CapturedMachine() {
    }

    static LinuxDriveInventory inventory(Path into) throws IOException {
        Path tree = copy(into);
        return new LinuxDriveInventory(tree.resolve("sys"), tree.resolve("proc"), tree.resolve("udev"), tree.resolve("dev"));
    }

    static Path copy(Path into) throws IOException {
        Path source;
        try {
            source = Path.of(CapturedMachine.class.getResource("/inventory/machine").toURI());
        } catch (URISyntaxException e) {
            throw new IOException(e);
        }
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path target = into.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
        List<String> links = Files.readAllLines(into.resolve("links"));
        for (String link : links) {
            if (link.isBlank()) {
                continue;
            }
            String[] parts = link.split(" -> ");
            Path at = into.resolve(parts[0]);
            Files.createDirectories(at.getParent());
            Files.createSymbolicLink(at, Path.of(parts[1]));
        }
        return into;
    }
}
