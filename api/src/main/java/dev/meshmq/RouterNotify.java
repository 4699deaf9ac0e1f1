package dev.meshmq;

/**
 * What {@link SocketOptions#ROUTER_NOTIFY} makes a ROUTER tell its application: a message of two
 * frames, the peer's routing id and an empty frame, when a peer connects (its handshake is done),
 * when it disconnects, or both, as libzmq's ZMQ_NOTIFY_CONNECT and ZMQ_NOTIFY_DISCONNECT do.
 *
 * <p>Thread-safety: immutable.
 */
public enum RouterNotify {
    /** No notifications (the default). */
    NONE(false, false),
    /** A notification when a peer connects. */
    CONNECT(true, false),
    /** A notification when a peer disconnects. */
    DISCONNECT(false, true),
    /** Both. */
    CONNECT_AND_DISCONNECT(true, true);

    private final boolean onConnect;
    private final boolean onDisconnect;

    RouterNotify(boolean onConnect, boolean onDisconnect) {
        this.onConnect = onConnect;
        this.onDisconnect = onDisconnect;
    }

    /**
     * Returns whether a connecting peer is announced.
     *
     * @return true for CONNECT and CONNECT_AND_DISCONNECT
     */
    public boolean onConnect() {
        return onConnect;
    }

    /**
     * Returns whether a disconnecting peer is announced.
     *
     * @return true for DISCONNECT and CONNECT_AND_DISCONNECT
     */
    public boolean onDisconnect() {
        return onDisconnect;
    }
}
