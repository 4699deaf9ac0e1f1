package dev.meshmq.patterns.sockets;

import dev.meshmq.HostUnreachableException;
import dev.meshmq.Message;
import dev.meshmq.PeerSocket;
import dev.meshmq.SocketType;
import dev.meshmq.patterns.core.DuplexSocket;
import dev.meshmq.patterns.core.LinkState;
import dev.meshmq.patterns.core.SocketHost;
import dev.meshmq.patterns.routing.FairQueue;
import dev.meshmq.transport.PeerLink;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * PEER: SERVER's routing (a non-zero 32-bit id per connection, set on received messages, naming the
 * connection a sent message goes to) on a socket that also connects; {@link #connectPeer} hands out
 * the id of its connection, which is given when the connect is admitted and kept across reconnects.
 *
 * <p>Thread-safety: safe for any number of threads ({@link dev.meshmq.patterns.core.SocketBase} takes
 * its lock for this type); {@link #connectPeer} reads back the id its own connect was given.
 */
public final class PeerSocketImpl extends DuplexSocket implements PeerSocket {

    private final FairQueue inbound = new FairQueue(link -> { });
    private final Map<Integer, PeerLink> connections = new HashMap<>();
    /** The link the calling thread's last connect created, so connectPeer can read its id. */
    private final ThreadLocal<PeerLink> lastConnect = new ThreadLocal<>();
    private int nextId = ThreadLocalRandom.current().nextInt();

    /** Creates the socket in the context {@code context}; called by the context only. */
    public PeerSocketImpl(SocketHost context) {
        super(context, SocketType.PEER);
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

    @Override
    protected boolean admit(PeerLink link) {
        int id;
        do {
            id = nextId++;
        } while (id == 0 || connections.containsKey(id));
        LinkState.of(link).serverRoutingId = id;
        connections.put(id, link);
        inbound.activate(link);
        return true;
    }

    @Override
    protected void linkDetached(PeerLink link) {
        connections.remove(LinkState.of(link).serverRoutingId, link);
        inbound.activate(link);
    }

    @Override
    protected void linkReadable(PeerLink link) {
        inbound.activate(link);
    }

    @Override
    protected void linkWritable(PeerLink link) {
        // a waiting sender retries on every event
    }

    @Override
    protected boolean canSendNow() {
        return !connections.isEmpty();
    }

    @Override
    protected boolean attemptSend(Message message) {
        SingleFrame.requireSingleFrame(message, "PEER");
        int id = message.routingId();
        if (id == 0) {
            throw new IllegalArgumentException("a PEER message needs the routing id of a connection: "
                    + "use Message.withRoutingId with the id connectPeer returned or a received message carries");
        }
        PeerLink link = connections.get(id);
        if (link == null) {
            throw new HostUnreachableException("no connection with routing id " + Integer.toUnsignedString(id));
        }
        return link.outbound().write(message);
    }

    @Override
    protected Message attemptReceive() {
        Message message;
        while ((message = inbound.receive()) != null) {
            if (message.size() == 1) {
                return message.withRoutingId(LinkState.of(inbound.lastLink()).serverRoutingId);
            }
        }
        return null;
    }
}
