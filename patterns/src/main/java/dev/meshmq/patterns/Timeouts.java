package dev.meshmq.patterns;

import java.time.Duration;

/**
 * Timeouts of blocking calls as nanoseconds and deadlines, with "no timeout" as {@link #FOREVER}.
 *
 * <p>Thread-safety: stateless.
 */
final class Timeouts {

    /** No timeout: wait as long as it takes. */
    static final long FOREVER = Long.MAX_VALUE;

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

    /** The System.nanoTime() deadline of a timeout, {@link #FOREVER} for none. */
    static long deadline(long timeoutNanos) {
        if (timeoutNanos == FOREVER) {
            return FOREVER;
        }
        long deadline = System.nanoTime() + timeoutNanos;
        return deadline == FOREVER ? FOREVER - 1 : deadline;
    }
}
