package dev.meshmq;

/**
 * A snapshot of a socket's counters. Counting is always on and costs no synchronisation on the
 * sending and receiving path; a snapshot may be taken from any thread.
 *
 * <p>Thread-safety: immutable.
 *
 * @param messagesSent send calls that succeeded, including messages the pattern then dropped (those
 *     are also counted below)
 * @param messagesReceived messages the application received
 * @param droppedUnroutable messages dropped because no peer matched (ROUTER without ROUTER_MANDATORY,
 *     a REP reply to a peer that is gone)
 * @param droppedAtHwm messages dropped because the peer was at its high-water mark (patterns that
 *     drop rather than block: ROUTER without ROUTER_MANDATORY, REP, and PUB/XPUB, which count one
 *     drop per subscriber that missed a message)
 * @param discardedAtClose messages that were queued towards a peer when the socket closed (or
 *     disconnected from or unbound its endpoint) and were not delivered: LINGER expired, the
 *     connection ended or the context's close timeout passed first. Each discard is also reported as
 *     a {@link MonitorEventType#DISCARDED_AT_CLOSE} event and logged as a WARNING. The count is final
 *     once {@link Socket#closeAndAwaitDelivery(java.time.Duration)} has returned without timing out,
 *     or the context is closed.
 * @param handshakesEvicted connections accepted on this socket's bound endpoints that were closed while
 *     still in their handshake to make room for newer ones, because MAX_HANDSHAKES were handshaking
 *     at once (see {@link SocketOptions#MAX_HANDSHAKES})
 * @param authenticationFailures handshakes that failed authentication, on either side: peers this
 *     socket's authenticator or ZAP handler denied, and refusals this socket got from a server (each is
 *     also a {@link MonitorEventType#HANDSHAKE_FAILED_AUTH} event with the ZAP status code)
 * @param peers one entry per current peer connection (inproc peers included); a connection that ended
 *     while the socket was open is no longer listed from the moment it ended, even before the socket's
 *     next call has handled that (a connect's link waiting to reconnect is still listed: it keeps its
 *     queue for the next connection; so is a link the socket closed itself, with its discardedAtClose)
 * @param discardedAtDisconnect messages that were queued towards a peer whose connection then ended
 *     while the socket stayed open, on a link that does not reconnect (a connection accepted by a bound
 *     socket, or an inproc peer that closed), plus, on any tcp/ipc link, the messages the ended connection
 *     had already taken from the queue but not written to the kernel in full (a connecting link keeps the
 *     rest of its queue for the next connection): they were not delivered and are counted, logged as a
 *     WARNING and not sent anywhere else. Bytes the kernel had accepted for a peer that then died cannot be
 *     counted by any library. From the monitor's {@link MonitorEventType#DISCONNECTED} on, no new message is
 *     queued to a link that does not reconnect; the count is taken when the socket next handles link events
 *     (any call on it)
 */
public record SocketStatistics(long messagesSent, long messagesReceived, long droppedUnroutable, long droppedAtHwm,
        long discardedAtClose, long handshakesEvicted, long authenticationFailures,
        java.util.List<PeerStatistics> peers, long discardedAtDisconnect) {

    /**
     * Copies the peer list.
     *
     * @param messagesSent as described for the record component
     * @param messagesReceived as described for the record component
     * @param droppedUnroutable as described for the record component
     * @param droppedAtHwm as described for the record component
     * @param discardedAtClose as described for the record component
     * @param handshakesEvicted as described for the record component
     * @param authenticationFailures as described for the record component
     * @param peers as described for the record component
     * @param discardedAtDisconnect as described for the record component
     */
    public SocketStatistics {
        peers = java.util.List.copyOf(peers);
    }
}
