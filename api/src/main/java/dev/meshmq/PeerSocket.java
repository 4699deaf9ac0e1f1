package dev.meshmq;

/**
 * PEER: a thread-safe socket for peer-to-peer messaging between PEER sockets, each of which binds
 * and connects as it likes. Like SERVER it gives every connection a non-zero 32-bit routing id, sets
 * it on each received message ({@link Message#routingId()}) and sends each message to the connection
 * its routing id names ({@link Message#withRoutingId(int)}); {@link #connectPeer} returns the id of
 * the connection it starts, so the application can send to it at once (messages wait until it is
 * up). An unknown id is a {@link HostUnreachableException}; a full connection makes the send wait.
 * Single-frame messages only.
 *
 * <p>Thread-safety: safe to use from any number of threads at once, as in libzmq (a draft type there).
 */
public interface PeerSocket extends Socket, MessageSender, MessageReceiver {

    /**
     * Connects like {@link #connect(String)} and returns the routing id of that connection, as
     * libzmq's {@code zmq_connect_peer} does.
     *
     * @param endpoint the endpoint
     * @return the routing id, non-zero; it stays the same across reconnects of this connect
     * @throws InvalidEndpointException if the endpoint is malformed
     */
    int connectPeer(String endpoint);
}
