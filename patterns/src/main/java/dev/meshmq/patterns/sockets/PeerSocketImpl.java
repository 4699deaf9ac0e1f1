package dev.meshmq.patterns.sockets;

import dev.meshmq.PeerSocket;
import dev.meshmq.SocketType;
import dev.meshmq.patterns.core.LinkState;
import dev.meshmq.patterns.core.SocketHost;
import dev.meshmq.transport.PeerLink;

/**
 * PEER: SERVER's routing ({@link ConnectionIdSocket}: a non-zero 32-bit id per connection, set on
 * received messages, naming the connection a sent message goes to) on a socket that also connects;
 * {@link #connectPeer} hands out the id of its connection, which is given when the connect is admitted
 * and kept across reconnects.
 *
 * <p>Thread-safety: safe for any number of threads ({@link dev.meshmq.patterns.core.SocketBase} takes
 * its lock for this type); {@link #connectPeer} reads back the id its own connect was given.
 */
public final class PeerSocketImpl extends ConnectionIdSocket implements PeerSocket {

    /** The link the calling thread's last connect created, so connectPeer can read its id. */
    private final ThreadLocal<PeerLink> lastConnect = new ThreadLocal<>();

    /** Creates the socket in the context {@code context}; called by the context only. */
    public PeerSocketImpl(SocketHost context) {
        super(context, SocketType.PEER, "the id connectPeer returned or a received message carries");
    }

    @Override
    public int connectPeer(String endpoint) {
        lastConnect.remove();
        connect(endpoint);
        PeerLink link = lastConnect.get();
        lastConnect.remove();
        if (link == null || link.socketState == null) {
            throw new IllegalStateException("the connect to " + endpoint + " was not admitted");
        }
        return LinkState.of(link).serverRoutingId;
    }

    @Override
    protected void connecting(PeerLink link) {
        lastConnect.set(link);
    }
}
