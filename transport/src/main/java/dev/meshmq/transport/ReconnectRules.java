package dev.meshmq.transport;

/**
 * When a connecting socket gives up instead of trying again, and how long one tcp connect attempt
 * may take.
 *
 * <p>Thread-safety: immutable.
 *
 * @param stopOnRefused stop when the peer refuses the connection
 * @param stopOnHandshakeFailure stop when a connection fails before its handshake completes
 * @param stopAfterDisconnect stop when an established connection ends
 * @param connectTimeoutNanos the longest a tcp connect attempt may take; 0 leaves it to the system
 */
public record ReconnectRules(boolean stopOnRefused, boolean stopOnHandshakeFailure, boolean stopAfterDisconnect,
        long connectTimeoutNanos) {

    /** Always try again; no connect timeout of our own. */
    public static final ReconnectRules DEFAULT = new ReconnectRules(false, false, false, 0);
}
