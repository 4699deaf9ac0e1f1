package dev.meshmq.transport;

/**
 * A bound endpoint, as returned by {@link TransportContext#bind}.
 *
 * <p>Thread-safety: safe for any thread.
 */
public interface Binding {

    /**
     * Returns the endpoint with wildcards resolved (the real port, the socket file).
     *
     * @return the endpoint string
     */
    String resolvedEndpoint();

    /**
     * Stops listening and closes the connections accepted here, each lingering at most
     * {@code lingerNanos}.
     *
     * @param lingerNanos the longest time to keep sending queued messages
     */
    void close(long lingerNanos);
}
