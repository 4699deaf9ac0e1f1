package dev.meshmq.transport.curve;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.Locale;

/**
 * Measures {@link BoxKey#seal} and {@link BoxKey#open} in MB/s of plaintext at 64 B, 1 KiB and 64 KiB,
 * one thread, CurveZMQ-style nonces (a fixed prefix and a counter), per second of this thread's CPU
 * time (so that other load on the machine changes the figures less). Not a test: run its main, e.g.
 * {@code java -cp transport/target/classes:transport/target/test-classes:BC_JAR
 * dev.meshmq.transport.curve.BoxKeyThroughput [seconds-per-case]}.
 */
public final class BoxKeyThroughput {

    private BoxKeyThroughput() {
    }

    /**
     * Runs the measurement.
     *
     * @param args optional: seconds per case (default 3)
     * @throws BoxOpenException never, unless the box code is broken
     */
    public static void main(String[] args) throws BoxOpenException {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 3;
        BoxKey key = BoxKey.random();
        for (int size : new int[] {64, 1024, 65536}) {
            byte[] plain = new byte[size];
            byte[] box = new byte[size + BoxKey.TAG_BYTES];
            byte[] nonce = "CurveZMQMESSAGEC00000000".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            ByteBuffer counter = ByteBuffer.wrap(nonce, 16, 8);
            long n = 0;
            long deadline = System.nanoTime() + (long) (seconds * 1e9);
            long start = cpuNanos();
            while (System.nanoTime() < deadline) {
                for (int i = 0; i < 64; i++) {
                    counter.putLong(16, ++n);
                    key.seal(nonce, plain, 0, size, box, 0);
                }
            }
            double sealSeconds = (cpuNanos() - start) / 1e9;
            long sealed = n;
            n = 0;
            deadline = System.nanoTime() + (long) (seconds * 1e9);
            start = cpuNanos();
            while (System.nanoTime() < deadline) {
                for (int i = 0; i < 64; i++) {
                    key.open(nonce, box, 0, box.length, plain, 0);
                    n++;
                }
            }
            double openSeconds = (cpuNanos() - start) / 1e9;
            System.out.printf(Locale.ROOT,
                    "%6d B  seal %8.1f MB/s %9.0f msg/s   open %8.1f MB/s %9.0f msg/s (per CPU second)%n",
                    size, sealed * size / sealSeconds / 1e6, sealed / sealSeconds,
                    n * size / openSeconds / 1e6, n / openSeconds);
        }
    }

    /** This thread's CPU time. */
    static long cpuNanos() {
        return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }
}
