package dev.meshmq.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The soak's resource samples of this JVM: heap used right after a full GC ({@code System.gc()}), open
 * file descriptors ({@code /proc/self/fd}) and live threads, taken between rounds. The first sample (after
 * the first round, once the JIT and the pools are warm) is the baseline; a later sample above the baseline
 * by more than {@value #HEAP_SLACK_MIB} MiB of heap, {@value #FD_SLACK} descriptors or
 * {@value #THREAD_SLACK} threads breaks the bounded-resources invariant. The slack covers what a round in
 * progress legitimately holds (relay threads, a peer JVM's pipes); a leak of one per round grows past it
 * within minutes.
 *
 * <p>Thread-safety: not thread-safe; used by the soak's thread only.
 */
final class SoakResources {

    static final long HEAP_SLACK_MIB = 64;
    static final int FD_SLACK = 64;
    static final int THREAD_SLACK = 32;

    private long[] baseline;
    private final long[] min = {Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE};
    private final long[] max = {Long.MIN_VALUE, Long.MIN_VALUE, Long.MIN_VALUE};
    private int samples;

    /**
     * Takes one sample.
     *
     * @return null if it is within bounds, else what grew, in words
     */
    String sample() {
        System.gc();
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        long[] now = {heap, openFileDescriptors(), ManagementFactory.getThreadMXBean().getThreadCount()};
        samples++;
        for (int i = 0; i < now.length; i++) {
            min[i] = Math.min(min[i], now[i]);
            max[i] = Math.max(max[i], now[i]);
        }
        if (baseline == null) {
            baseline = now;
            return null;
        }
        if (now[0] > baseline[0] + (HEAP_SLACK_MIB << 20)) {
            return String.format(Locale.ROOT, "heap after GC grew from %.1f to %.1f MiB", baseline[0] / 1048576.0,
                    now[0] / 1048576.0);
        }
        if (now[1] > baseline[1] + FD_SLACK) {
            return "open file descriptors grew from " + baseline[1] + " to " + now[1];
        }
        if (now[2] > baseline[2] + THREAD_SLACK) {
            return "threads grew from " + baseline[2] + " to " + now[2];
        }
        return null;
    }

    /**
     * Describes the samples' ranges.
     *
     * @return e.g. {@code 12 samples: heap after GC 10.2-14.0 MiB, fds 40-52, threads 20-26}
     */
    String ranges() {
        if (samples == 0) {
            return "no samples";
        }
        return String.format(Locale.ROOT, "%d samples: heap after GC %.1f-%.1f MiB, fds %d-%d, threads %d-%d",
                samples, min[0] / 1048576.0, max[0] / 1048576.0, min[1], max[1], min[2], max[2]);
    }

    /**
     * Describes the baseline, for the first line of the summary.
     *
     * @return a short description, with the baseline
     */
    String baseline() {
        return baseline == null ? "no baseline" : String.format(Locale.ROOT,
                "baseline heap %.1f MiB, %d fds, %d threads", baseline[0] / 1048576.0, baseline[1], baseline[2]);
    }

    private static long openFileDescriptors() {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        } catch (IOException e) {
            return -1;
        }
    }
}
