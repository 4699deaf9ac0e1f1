package dev.meshmq.transport;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.AtomicLong;

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

    /** Executions not checked at the start of a JVM. */
    static final int WARM_UP = 10;

    private static final AtomicLong EXECUTIONS = new AtomicLong();
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private AllocationBound() {
    }

    /** Returns the bytes this thread allocated so far. */
    static long allocated() {
        return THREADS.getCurrentThreadAllocatedBytes();
    }

    /**
     * Checks that this thread allocated at most {@link #LIMIT} since {@code before}, once the JVM has warmed
     * up: the first {@link #WARM_UP} executions load and instrument classes on this thread (Jazzer's agent
     * allocated 190 MB in the first one), which says nothing about the code under test.
     */
    static void check(long before) {
        long used = allocated() - before;
        if (EXECUTIONS.incrementAndGet() > WARM_UP) {
            assertTrue(used <= LIMIT, "one execution allocated " + used + " bytes");
        }
    }
}
