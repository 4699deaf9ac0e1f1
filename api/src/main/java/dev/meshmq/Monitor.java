package dev.meshmq;

/**
 * A running monitor of one socket, as returned by {@link Socket#monitor}. Events reach the
 * listener in the order they happened, on a thread of the monitor's own, so a slow listener never
 * holds up the socket's connections; nothing is dropped while the listener catches up.
 * {@link MonitorEventType#MONITOR_STOPPED} is always the last event.
 *
 * <p>Thread-safety: {@link #close()} may be called from any thread, including the listener's.
 */
public interface Monitor extends AutoCloseable {

    /**
     * Stops the monitor: events already queued are delivered, then MONITOR_STOPPED. Idempotent.
     */
    @Override
    void close();
}
