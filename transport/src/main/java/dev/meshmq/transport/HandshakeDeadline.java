package dev.meshmq.transport;

/**
 * HANDSHAKE_IVL for one connection: a timer, started with the connection and cancelled when its
 * handshake ends (or it closes), that runs the connection's expiry action if neither happens in time.
 *
 * <p>Thread-safety: owned by the connection's I/O thread.
 */
final class HandshakeDeadline {

    private final IoThread io;
    private final long nanos;
    private final Runnable onExpiry;
    private Timer timer;

    /**
     * @param io the connection's I/O thread
     * @param nanos the interval; 0 for none
     * @param onExpiry what runs when it expires, on the I/O thread
     */
    HandshakeDeadline(IoThread io, long nanos, Runnable onExpiry) {
        this.io = io;
        this.nanos = nanos;
        this.onExpiry = onExpiry;
    }

    void start() {
        if (nanos > 0) {
            timer = io.schedule(nanos, onExpiry);
        }
    }

    void cancel() {
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
    }
}
