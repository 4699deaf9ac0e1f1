package dev.meshmq.transport;

/**
 * What a {@link Connection} reports to the listener or connector that made it.
 *
 * <p>Thread-safety: called on the connection's I/O thread only.
 */
interface ConnectionOwner {

    /**
     * The peer is known (a ZMTP handshake succeeded, or a raw connection is up): returns the link the
     * connection serves.
     *
     * @param connection the connection
     * @param peer what is known of the peer
     * @return the link to move messages for
     */
    PeerLink linkFor(Connection connection, PeerInfo peer);

    /**
     * The connection closed and will do nothing more.
     *
     * @param connection the connection
     * @param link the link it served, or null if it never got one (its handshake did not complete)
     */
    void connectionClosed(Connection connection, PeerLink link);

    /**
     * Returns whether messages wait to be sent on the link this owner would give the connection, so a
     * closing connection still in its handshake knows whether finishing it is worth the linger.
     *
     * @return true if something is queued
     */
    boolean hasQueuedOutput();

    /**
     * Returns whether the link outlives its connection (a connect's link waits for the next one): if not,
     * a closing connection (ZMTP or raw) closes the link's outbound reading end before it reports
     * DISCONNECTED (and a raw one before it puts its disconnect note in the inbound pipe), so a socket
     * that has seen either finds the link gone: its writes are refused, never queued to a dead link.
     *
     * @return true for a connector
     */
    default boolean keepsLinks() {
        return false;
    }
}
