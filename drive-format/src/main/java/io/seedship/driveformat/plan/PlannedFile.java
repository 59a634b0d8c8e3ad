package io.seedship.driveformat.plan;

/** A source file placed on a drive, under {@code filePath} (Windows style, from the volume root). */
public record PlannedFile(SourceFile source, String filePath) {
}
