package dev.meshmq;

/**
 * The kinds of connection event a socket reports to its monitor, with libzmq's names and numeric
 * ids (the ids are what a libzmq-style monitor PAIR socket carries).
 *
 * <p>Thread-safety: immutable.
 */
public enum MonitorEventType {
    /** A connect completed at the transport level (value: a connection number). */
    CONNECTED(0x0001),
    /** A connect is in progress (the peer has not answered yet). */
    CONNECT_DELAYED(0x0002),
    /** A connect attempt failed or a connection dropped; the value is the wait in ms before the next try. */
    CONNECT_RETRIED(0x0004),
    /** A bind succeeded and the socket listens. */
    LISTENING(0x0008),
    /** A bind failed; the detail says why. */
    BIND_FAILED(0x0010),
    /** A listener accepted a connection (value: a connection number). */
    ACCEPTED(0x0020),
    /** Accepting a connection failed; the detail says why. */
    ACCEPT_FAILED(0x0040),
    /** A listener was closed (unbind or socket close). */
    CLOSED(0x0080),
    /** Closing a listener failed. */
    CLOSE_FAILED(0x0100),
    /** A connection ended; the detail says why. Follows every CONNECTED and ACCEPTED exactly once. */
    DISCONNECTED(0x0200),
    /** The monitor stopped; it is the last event a monitor delivers. */
    MONITOR_STOPPED(0x0400),
    /** The handshake failed without a protocol reason (timeout, the peer went away). */
    HANDSHAKE_FAILED_NO_DETAIL(0x0800),
    /** The ZMTP handshake completed; the peer's routing id is known if it sent one. */
    HANDSHAKE_SUCCEEDED(0x1000),
    /** The handshake failed on a protocol error; the value is libzmq's ZMTP protocol error code. */
    HANDSHAKE_FAILED_PROTOCOL(0x2000),
    /** The handshake failed on authentication; the value is the ZAP status code. */
    HANDSHAKE_FAILED_AUTH(0x4000),
    /**
     * MeshMQ's own event, not one of libzmq's: messages queued towards a peer were discarded after
     * the socket closed (or disconnected from or unbound the endpoint), because LINGER expired, the
     * connection ended, or the context's close timeout passed first. The value is how many messages;
     * the detail says why. libzmq discards them silently; its id, 0x8000, is one libzmq leaves unused.
     * {@link SocketStatistics#discardedAtClose()} counts them too.
     */
    DISCARDED_AT_CLOSE(0x8000),
    /**
     * MeshMQ only, not a libzmq event: after the handshake the peer sent a well-formed command that
     * means nothing to this socket (an unknown name, a second READY, an ERROR). It is ignored, as
     * libzmq ignores it, and counted; this event comes once per connection, the first time. The id is
     * a bit libzmq does not use.
     */
    COMMAND_IGNORED(0x0100_0000);

    private final int libzmqId;

    MonitorEventType(int libzmqId) {
        this.libzmqId = libzmqId;
    }

    /**
     * Returns libzmq's numeric id of this event.
     *
     * @return the id, a single bit
     */
    public int libzmqId() {
        return libzmqId;
    }
}
