package dev.meshmq.transport;

/**
 * The socket side of the links a transport creates: implemented by each socket pattern.
 *
 * <p>Thread-safety: {@link #attach} and {@link #detach} are called from I/O threads and from other
 * sockets' threads (inproc); implementations must only record the event and wake the socket's owner.
 */
public interface LinkHost {

    /**
     * Returns the settings to use for new connections.
     *
     * @return the current options snapshot
     */
    TransportOptions transportOptions();

    /**
     * A new link to a peer is ready to carry messages (or, for a connect, to queue them).
     *
     * @param link the link
     */
    void attach(PeerLink link);

    /**
     * A handshake completed on a link that was attached before it had a peer (a connect, which keeps
     * its link across reconnects): {@link PeerLink#peer()} now describes the new peer. Called after
     * every successful reconnect, so the socket can redo per-peer work (routing ids, probes).
     *
     * @param link the link
     */
    void peerConnected(PeerLink link);

    /**
     * A link is gone: no more messages will arrive on it beyond those already queued, and messages
     * written to it are discarded.
     *
     * @param link the link
     */
    void detach(PeerLink link);

    /**
     * Returns whether the socket would refuse a new peer now (a PAIR that has one). A listener then closes
     * a connection it has just accepted before any handshake, so the connecting side, which never sees
     * its handshake succeed, writes no messages into a connection that would be refused after it, and
     * tries again at its reconnect interval. Any thread; must not block.
     *
     * @return true to close new connections at once
     */
    default boolean refusesNewPeers() {
        return false;
    }

    /**
     * Returns whether a monitor listens, so that transports build events only when someone reads them.
     *
     * @return true if {@link #monitorEvent} has a listener
     */
    boolean isMonitored();

    /**
     * Reports a connection event to the socket's monitor. Must not block.
     *
     * @param event the event
     */
    void monitorEvent(dev.meshmq.MonitorEvent event);

    /**
     * Counts a connection accepted on one of this socket's endpoints that was closed in its handshake
     * to make room, MAX_HANDSHAKES being reached. Any thread; must not block.
     */
    default void handshakeEvicted() {
    }

    /**
     * The connection behind a connect's link ended; the link stays, and either gets a new peer
     * ({@link #peerConnected}) or is detached. Any thread; must not block.
     *
     * @param link the link
     */
    default void peerDisconnected(PeerLink link) {
    }

    /**
     * Counts a handshake that failed authentication (this socket denied the peer, or the peer denied
     * this socket). Any thread; must not block.
     */
    default void authenticationFailed() {
    }
}
