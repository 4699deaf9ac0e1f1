package dev.meshmq.transport;

import java.nio.channels.SelectionKey;

/**
 * One connection on a tcp or ipc channel as the listener or connector that made it sees it, whatever
 * runs on it: ZMTP ({@link ZmtpConnection}, a {@link StreamEngine}) or raw bytes for STREAM
 * ({@link RawEngine}). An {@link EngineFactory} builds it; it reports to its {@link ConnectionOwner}.
 *
 * <p>Thread-safety: owned by its I/O thread; only {@link #terminateLater} may be called from another.
 */
interface Connection {

    /**
     * Starts the connection. It may fail and close at once, telling its owner before this returns.
     * I/O thread only.
     *
     * @param existingKey the channel's key if a connector registered it, else null
     */
    void start(SelectionKey existingKey);

    /**
     * Closes the connection now and tells the owner. I/O thread only; idempotent.
     *
     * @param reason why, for the log and the DISCONNECTED event
     */
    void close(String reason);

    /**
     * Closes once what is queued is sent, or after {@code lingerNanos}. I/O thread only.
     *
     * @param lingerNanos the longest time to keep sending
     */
    void terminate(long lingerNanos);

    /**
     * Posts {@link #terminate} to the connection's I/O thread. Any thread.
     *
     * @param lingerNanos the longest time to keep sending
     */
    void terminateLater(long lingerNanos);

    /**
     * Returns whether the connection ended on a protocol error, after which a connector stops
     * reconnecting. Always false for a connection that has no protocol.
     *
     * @return true after a protocol error
     */
    boolean failedOnProtocol();
}
