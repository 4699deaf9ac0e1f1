package dev.meshmq.transport;

/**
 * The source of monotonic time for timers, injectable so tests can control it.
 *
 * <p>Thread-safety: implementations must be safe to call from any thread.
 */
@FunctionalInterface
public interface NanoClock {

    /** The system's monotonic clock. */
    NanoClock SYSTEM = System::nanoTime;

    /**
     * Returns the current time.
     *
     * @return nanoseconds from an arbitrary origin, monotonic
     */
    long nanoTime();
}
