package io.seedship.staging.intake;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Where a seed request may point staging-service: the paths it names (source, staging location, publish settings)
 * must lie, once every symbolic link is resolved, under one of {@code seedship.staging.allowed-roots}. A request
 * cannot climb out with {@code ..} nor through a link that leads elsewhere. No roots: any path the service can reach
 * (a warning at startup says so).
 */
public final class AllowedRoots {

  public static final AllowedRoots ANYWHERE = new AllowedRoots(List.of());

  private final List<Path> roots;

  private AllowedRoots(List<Path> roots) {
    this.roots = roots;
  }

  /** The roots as configured; each must be an existing directory, kept by its real path. */
  public static AllowedRoots of(List<Path> configured) {
    return new AllowedRoots(configured.stream().map(root -> {
      try {
        return root.toRealPath();
      } catch (IOException e) {
        throw new IllegalArgumentException("seedship.staging.allowed-roots: " + root + " is not an existing "
            + "directory (" + LocalPaths.reason(e) + ")", e);
      }
    }).toList());
  }

  public boolean unrestricted() {
    return roots.isEmpty();
  }

  public List<Path> roots() {
    return roots;
  }

  /**
   * The path when it may be used; empty after reporting why not. A path that does not exist is judged by its nearest
   * existing parent (the field's own check then says it is missing).
   */
  Optional<Path> check(String field, Path path, Problems problems) {
    if (unrestricted()) {
      return Optional.of(path);
    }
    String named = field + " '" + path + "'";
    if (!path.normalize().equals(path)) {
      problems.add(field, named + " contains '.' or '..' segments; give " + field + " without them");
      return Optional.empty();
    }
    Path real;
    try {
      real = realPath(path);
    } catch (IOException e) {
      problems.add(field, named + " cannot be resolved (" + LocalPaths.reason(e) + ")");
      return Optional.empty();
    }
    if (roots.stream().noneMatch(real::startsWith)) {
      problems.add(field, named + (real.equals(path) ? "" : " (through links: '" + real + "')")
          + " is outside the directories staging-service may use; " + field + " must lie under "
          + String.join(" or ", roots.stream().map(Path::toString).toList()) + " (seedship.staging.allowed-roots)");
      return Optional.empty();
    }
    return Optional.of(path);
  }

  private static Path realPath(Path path) throws IOException {
    Path existing = path;
    Path rest = null;
    while (existing != null && !Files.exists(existing)) {
      rest = rest == null ? existing.getFileName() : existing.getFileName().resolve(rest);
      existing = existing.getParent();
    }
    if (existing == null) {
      return path;
    }
    Path real = existing.toRealPath();
    return rest == null ? real : real.resolve(rest);
  }
}
