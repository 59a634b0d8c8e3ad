package io.seedship.staging.chunks;

/** Lets the benchmark reach the writer's package-private switch for measuring what hashing costs. */
public final class BenchAccess {

    private BenchAccess() {
    }

    public static StagingWriter withoutHashing(StagingWriter writer) {
        return writer.withoutHashing();
    }
}
