package dev.meshmq.patterns.core;

import java.time.Duration;

/**
 * Timeouts of blocking calls as nanoseconds and deadlines, with "no timeout" as {@link #FOREVER}.
 *
 * <p>Thread-safety: stateless.
 */
public final class Timeouts {

    /** No timeout: wait as long as it takes. */
    public static final long FOREVER = Long.MAX_VALUE;

    private Timeouts() {
    }

    /** A timeout in nanoseconds: null means {@link #FOREVER}; negative is refused. */
    static long toNanos(Duration timeout) {
        if (timeout == null) {
            return FOREVER;
        }
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must not be negative: " + timeout);
        }
        return SocketOptionValues.saturatedNanos(timeout);
    }

    /** A timeout a caller must give: null is refused with a NullPointerException. */
    public static Duration requireTimeout(Duration timeout) {
        if (timeout == null) {
            throw new NullPointerException("timeout");
        }
        return timeout;
    }

    /** The System.nanoTime() deadline of a timeout, {@link #FOREVER} for none. */
    public static long deadline(long timeoutNanos) {
        if (timeoutNanos == FOREVER) {
            return FOREVER;
        }
        long deadline = System.nanoTime() + timeoutNanos;
        return deadline == FOREVER ? FOREVER - 1 : deadline;
    }
}
