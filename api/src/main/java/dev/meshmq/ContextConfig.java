package dev.meshmq;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

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

    private static final long NO_CLOSE_TIMEOUT = -1;
    private static final ContextConfig DEFAULTS =
            new ContextConfig(1, DEFAULT_SPIN_WAIT.toNanos(), NO_CLOSE_TIMEOUT, ContextClock.SYSTEM);

    private final int ioThreads;
    private final long spinWaitNanos;
    private final long closeTimeoutNanos;
    private final ContextClock clock;

    private ContextConfig(int ioThreads, long spinWaitNanos, long closeTimeoutNanos, ContextClock clock) {
        this.ioThreads = ioThreads;
        this.spinWaitNanos = spinWaitNanos;
        this.closeTimeoutNanos = closeTimeoutNanos;
        this.clock = clock;
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
        return new ContextConfig(count, spinWaitNanos, closeTimeoutNanos, clock);
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
     * <p>Spinning pays only while the machine has a processor to spare. On Linux the context looks, at
     * most every 100 ms, at how many threads the kernel has runnable ({@code /proc/loadavg}); while those
     * other than the context's own spinning threads outnumber the processors, its threads sleep at once
     * as if this were zero, since on a busy machine a spinning thread takes time from the one that has
     * the work and forgoes the scheduler's preference for a thread it wakes.
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
        return new ContextConfig(ioThreads, spin.toNanos(), closeTimeoutNanos, clock);
    }

    /**
     * Returns these settings with a limit on how long {@link Context#close()} waits for lingering
     * sockets. Without one (the default) close waits until every socket's LINGER has ended, whether
     * the socket was closed before the context or by it; with the default LINGER of 2 seconds that is
     * at most about 2 seconds, but a socket with a negative LINGER (linger until delivered) and a peer
     * that never comes makes close wait forever, as libzmq's zmq_ctx_term does. With a close timeout,
     * messages still queued when it passes are discarded, counted in
     * {@link SocketStatistics#discardedAtClose()} and reported as
     * {@link MonitorEventType#DISCARDED_AT_CLOSE}, and close returns.
     *
     * @param timeout zero or more; zero discards whatever is still queued at once
     * @return the new settings
     * @throws IllegalArgumentException if the timeout is negative
     */
    public ContextConfig withCloseTimeout(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("closeTimeout must not be negative, not " + timeout);
        }
        long nanos;
        try {
            nanos = timeout.toNanos();
        } catch (ArithmeticException e) {
            nanos = Long.MAX_VALUE;
        }
        return new ContextConfig(ioThreads, spinWaitNanos, nanos, clock);
    }

    /**
     * Returns the limit on how long {@link Context#close()} waits for lingering sockets.
     *
     * @return the limit, or empty for none (the default)
     */
    public Optional<Duration> closeTimeout() {
        return closeTimeoutNanos < 0 ? Optional.empty() : Optional.of(Duration.ofNanos(closeTimeoutNanos));
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
     * Returns these settings with another clock for the I/O threads' timers (heartbeats, reconnects,
     * handshake deadlines, linger); see {@link ContextClock}. Tests use a clock they move by hand, so
     * that a 30-second heartbeat timeout or a one-minute reconnect interval passes in no time.
     *
     * @param timers the clock
     * @return the new settings
     */
    public ContextConfig withClock(ContextClock timers) {
        return new ContextConfig(ioThreads, spinWaitNanos, closeTimeoutNanos, Objects.requireNonNull(timers, "timers"));
    }

    /**
     * Returns the clock the I/O threads' timers run on.
     *
     * @return {@link ContextClock#SYSTEM} unless set
     */
    public ContextClock clock() {
        return clock;
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
