package io.seedship.staging.chunks;

import io.seedship.stagingformat.restore.StagingRestorer;
import io.seedship.staging.source.DirectoryTreeSource;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Stages in a separate JVM, so a test can kill it with SIGKILL.
 * Arguments: source, staging directory, chunk target bytes, block bytes, source bytes per second (0: full speed), and
 * optionally "verify" to verify the staging afterwards in the same JVM.
 */
public final class StagingChild {

    private StagingChild() {
    }

    public static void main(String[] args) throws Exception {
        Path source = Path.of(args[0]);
        Path staging = Path.of(args[1]);
        StagingOptions options = StagingOptions.defaults().withThreads(2).withChunkTargetBytes(Long.parseLong(args[2]))
                .withBlockBytes(Integer.parseInt(args[3])).withProgressInterval(Duration.ofSeconds(1));
        long rate = Long.parseLong(args[4]);
        StagingResult result = new StagingWriter(options).write(
                new SlowSource(new DirectoryTreeSource(source), rate), staging, new ProgressListener() {
                    @Override
                    public void progress(StagingProgress p) {
                        System.out.println("progress " + p);
                    }

                    @Override
                    public void notice(String message) {
                        System.out.println("notice " + message);
                    }
                });
        System.out.println("result " + result);
        if (args.length > 5 && args[5].equals("verify")) {
            System.out.println("verified " + new StagingRestorer().verify(staging));
        }
        System.out.println("peak heap " + peakHeap() + " bytes of " + Runtime.getRuntime().maxMemory());
        System.out.flush();
        System.exit(0);
    }

    private static long peakHeap() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak;
    }
}
