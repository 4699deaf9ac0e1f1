package dev.meshmq.transport;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;

/**
 * Bounds what one fuzz execution may allocate, so a peer that declares a huge length (a 2 GB property,
 * a 2^62-byte frame) is caught if the code believes it: the allocation of the calling thread, measured
 * before and after (com.sun.management's per-thread counter, as the allocation tests use).
 *
 * <p>Thread-safety: stateless; measures the calling thread.
 */
final class AllocationBound {

    /** Far above what any execution needs (its input is a few KiB), far below a believed huge length. */
    static final long LIMIT = 32L << 20;

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private AllocationBound() {
    }

    /** Returns the bytes this thread allocated so far. */
    static long allocated() {
        return THREADS.getCurrentThreadAllocatedBytes();
    }

    /** Checks that this thread allocated at most {@link #LIMIT} since {@code before}. */
    static void check(long before) {
        long used = allocated() - before;
        assertTrue(used <= LIMIT, "one execution allocated " + used + " bytes");
    }
}
