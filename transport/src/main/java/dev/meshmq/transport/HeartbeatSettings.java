package dev.meshmq.transport;

/**
 * ZMTP 3.1 heartbeat settings of a socket (RFC 37, PING and PONG).
 *
 * <p>Thread-safety: immutable.
 *
 * @param intervalNanos how often to send PING after the handshake; 0 sends none
 * @param ttlDeciseconds the time-to-live announced in each PING (the peer closes the connection if
 *     it hears nothing for that long), in tenths of a second, 0 to 65535
 * @param timeoutNanos how long after a PING to wait for any traffic before closing the connection
 */
public record HeartbeatSettings(long intervalNanos, int ttlDeciseconds, long timeoutNanos) {

    /** No heartbeats. */
    public static final HeartbeatSettings OFF = new HeartbeatSettings(0, 0, 0);

    /**
     * Checks the values.
     */
    public HeartbeatSettings {
        if (intervalNanos < 0 || timeoutNanos < 0 || ttlDeciseconds < 0 || ttlDeciseconds > 0xFFFF) {
            throw new IllegalArgumentException("invalid heartbeat settings");
        }
    }
}
