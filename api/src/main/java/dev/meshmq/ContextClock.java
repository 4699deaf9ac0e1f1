package dev.meshmq;

/**
 * The monotonic time a context's I/O threads run their timers on: heartbeat intervals and timeouts,
 * the peer's heartbeat TTL, reconnect intervals, connect timeouts, handshake deadlines and the linger
 * of connections. {@link #SYSTEM}, {@link System#nanoTime()}, unless {@link ContextConfig#withClock}
 * says otherwise.
 *
 * <p>A clock that is moved by hand (in a test, say) must tell the context when it moves, through the
 * listener the context registers with {@link #onAdvance}, so that the I/O threads look at their
 * timers again at once instead of at the next deadline they computed from the old time. Timeouts that
 * application threads wait for themselves (a {@code receive(Duration)}, a close timeout) run on the
 * system clock whatever this clock says.
 *
 * <p>Thread-safety: implementations must be safe to call from any thread.
 */
public interface ContextClock {

    /** The system's monotonic clock. */
    ContextClock SYSTEM = System::nanoTime;

    /**
     * Returns the current time.
     *
     * @return nanoseconds from an arbitrary origin; never less than an earlier answer
     */
    long nanoTime();

    /**
     * Registers what to run after the clock has moved by hand. The system clock never moves by hand,
     * so its implementation does nothing; a hand-moved clock must keep every listener and run each after
     * every move, on the thread that moved it.
     *
     * @param listener cheap and non-blocking; it wakes the context's I/O threads
     */
    default void onAdvance(Runnable listener) {
    }
}
