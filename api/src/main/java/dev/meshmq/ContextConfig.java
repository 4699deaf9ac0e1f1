package dev.meshmq;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of a {@link Context}.
 *
 * <p>Thread-safety: immutable.
 */
public final class ContextConfig {

    /** The default {@link #spinWait()}. */
    public static final Duration DEFAULT_SPIN_WAIT = Duration.ofNanos(50_000);
    /** The longest {@link #spinWait()} accepted. */
    public static final Duration MAX_SPIN_WAIT = Duration.ofMillis(10);

    private static final ContextConfig DEFAULTS = new ContextConfig(1, DEFAULT_SPIN_WAIT.toNanos());

    private final int ioThreads;
    private final long spinWaitNanos;

    private ContextConfig(int ioThreads, long spinWaitNanos) {
        this.ioThreads = ioThreads;
        this.spinWaitNanos = spinWaitNanos;
    }

    /**
     * Returns the default settings: one I/O thread, as in libzmq, and a spin wait of 50 µs.
     *
     * @return the defaults
     */
    public static ContextConfig defaults() {
        return DEFAULTS;
    }

    /**
     * Returns these settings with another number of I/O threads.
     *
     * @param count from 1 to 64; connections are spread over the threads
     * @return the new settings
     * @throws IllegalArgumentException if the count is out of range
     */
    public ContextConfig withIoThreads(int count) {
        if (count < 1 || count > 64) {
            throw new IllegalArgumentException("ioThreads must be between 1 and 64, not " + count);
        }
        return new ContextConfig(count, spinWaitNanos);
    }

    /**
     * Returns these settings with another spin wait: how long a thread that runs out of work keeps
     * looking for more before it goes to sleep. It applies to the I/O threads (which then poll their
     * connections without blocking) and to socket calls that wait (receive, a blocked send, a poll),
     * which check their socket while yielding the processor to any other runnable thread.
     *
     * <p>Waking a sleeping thread costs tens of microseconds on many machines (more in virtual
     * machines, where an idle processor is handed back to the host), and a request-reply round trip
     * pays it several times. Spinning for a short while after each piece of work removes most of that
     * cost when messages follow each other closely, at the price of processor time: after its last
     * message a thread stays busy for up to this long before it sleeps. {@link Duration#ZERO} turns
     * spinning off, so that threads sleep as soon as they have nothing to do (libzmq's and JeroMQ's
     * behaviour).
     *
     * @param spin from zero to {@link #MAX_SPIN_WAIT}
     * @return the new settings
     * @throws IllegalArgumentException if the duration is negative or longer than {@link #MAX_SPIN_WAIT}
     */
    public ContextConfig withSpinWait(Duration spin) {
        Objects.requireNonNull(spin, "spin");
        if (spin.isNegative() || spin.compareTo(MAX_SPIN_WAIT) > 0) {
            throw new IllegalArgumentException("spinWait must be between 0 and " + MAX_SPIN_WAIT.toMillis()
                    + " ms, not " + spin);
        }
        return new ContextConfig(ioThreads, spin.toNanos());
    }

    /**
     * Returns how long a thread that runs out of work spins before it sleeps.
     *
     * @return zero when spinning is off
     */
    public Duration spinWait() {
        return Duration.ofNanos(spinWaitNanos);
    }

    /**
     * Returns the number of I/O threads.
     *
     * @return at least 1
     */
    public int ioThreads() {
        return ioThreads;
    }
}
