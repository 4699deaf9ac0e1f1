package dev.meshmq.transport.curve;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The variants of {@link CurveBoxBenchmark} measured per second of this thread's CPU time instead of
 * wall-clock time, so that a machine busy with other work changes the figures much less than it changes
 * JMH's: each variant runs until it has used {@code seconds} of CPU (after the same again of warm-up),
 * and its MB/s of plaintext per CPU second is printed. Not a JMH benchmark; run it with
 * {@code java -cp bench/jmh/target/meshmq-jmh.jar dev.meshmq.transport.curve.CurveBoxCpuTime [seconds]}.
 *
 * <p>Thread-safety: a program; everything runs on the main thread.
 */
public final class CurveBoxCpuTime {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final int CALLS_BETWEEN_CLOCK_READS = 64;

    private CurveBoxCpuTime() {
    }

    /** One variant: a call of one benchmark method; the result feeds a checksum so it is not dropped. */
    private interface Variant {
        Object run(CurveBoxBenchmark state) throws BoxOpenException;
    }

    /**
     * Runs every variant at 64 B, 1 KiB and 64 KiB.
     *
     * @param args optional: CPU seconds per variant and size (default 1.5)
     * @throws BoxOpenException never, unless the box code is broken
     */
    public static void main(String[] args) throws BoxOpenException {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 1.5;
        Map<String, Variant> variants = new LinkedHashMap<>();
        variants.put("boxKeySeal", CurveBoxBenchmark::boxKeySeal);
        variants.put("boxKeyOpen", CurveBoxBenchmark::boxKeyOpen);
        variants.put("bcReusedObjects", CurveBoxBenchmark::bcReusedObjects);
        variants.put("bcPerMessageObjects", CurveBoxBenchmark::bcPerMessageObjects);
        variants.put("salsa20Only", CurveBoxBenchmark::salsa20Only);
        variants.put("poly1305Only", CurveBoxBenchmark::poly1305Only);
        variants.put("salsa20CoreOnly", CurveBoxBenchmark::salsa20CoreOnly);
        long checksum = 0;
        for (int size : new int[] {64, 1024, 65536}) {
            CurveBoxBenchmark state = new CurveBoxBenchmark();
            state.size = size;
            state.setUp();
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%6d B", size));
            for (Map.Entry<String, Variant> variant : variants.entrySet()) {
                checksum += measure(variant.getValue(), state, seconds)[1];
                double[] result = measure(variant.getValue(), state, seconds);
                checksum += (long) result[1];
                line.append(String.format(Locale.ROOT, "  %s %.1f", variant.getKey(), result[0] * size / 1e6));
            }
            System.out.println(line + "  (MB/s per CPU second)");
        }
        System.out.println("checksum " + checksum);
    }

    /** @return operations per CPU second, and a checksum of the results */
    private static double[] measure(Variant variant, CurveBoxBenchmark state, double seconds)
            throws BoxOpenException {
        long budget = (long) (seconds * 1e9);
        long start = THREADS.getCurrentThreadCpuTime();
        long used = 0;
        long calls = 0;
        long checksum = 0;
        while (used < budget) {
            for (int i = 0; i < CALLS_BETWEEN_CLOCK_READS; i++) {
                Object result = variant.run(state);
                checksum += result instanceof byte[] bytes ? bytes[0] : ((int[]) result)[0];
            }
            calls += CALLS_BETWEEN_CLOCK_READS;
            used = THREADS.getCurrentThreadCpuTime() - start;
        }
        return new double[] {calls * 1e9 / used, checksum};
    }
}
