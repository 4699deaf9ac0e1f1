package dev.meshmq.transport;

/**
 * What a {@link StreamEngine} reports to its {@link ZmtpConnection}, which passes it on to the listener
 * or connector that created it (their {@link ConnectionOwner} side).
 *
 * <p>Thread-safety: called on the engine's I/O thread only.
 */
interface EngineOwner {

    /**
     * The handshake succeeded: returns the link the engine should serve.
     *
     * @param engine the engine
     * @param peer what the handshake told
     * @return the link to move messages for
     */
    PeerLink linkFor(StreamEngine engine, PeerInfo peer);

    /**
     * The engine closed its connection and will do nothing more.
     *
     * @param engine the engine
     * @param link the link it served, or null if the handshake never completed
     */
    void engineClosed(StreamEngine engine, PeerLink link);

    /**
     * Returns whether messages wait to be sent on the link this owner would give the engine, so a
     * closing engine still in its handshake knows whether finishing it is worth the linger.
     *
     * @return true if something is queued
     */
    boolean hasQueuedOutput();

    /**
     * Returns whether the link outlives its connection (a connect's link waits for the next one); if not,
     * a closing engine closes the link's outbound reading end before it reports DISCONNECTED, so that no
     * message is queued to a link that nothing will read again. See {@link ConnectionOwner#keepsLinks()}.
     *
     * @return true for a connector's engine
     */
    boolean keepsLinks();
}
