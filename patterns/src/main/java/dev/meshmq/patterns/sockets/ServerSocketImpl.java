package dev.meshmq.patterns.sockets;

import dev.meshmq.HostUnreachableException;
import dev.meshmq.Message;
import dev.meshmq.ServerSocket;
import dev.meshmq.SocketType;
import dev.meshmq.patterns.core.DuplexSocket;
import dev.meshmq.patterns.core.LinkState;
import dev.meshmq.patterns.core.SocketBase;
import dev.meshmq.patterns.core.SocketHost;
import dev.meshmq.patterns.routing.FairQueue;
import dev.meshmq.transport.PeerLink;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * SERVER: a non-zero 32-bit routing id per connection (random start, counting up, 0 skipped), set
 * on every received message; sends go to the connection the message's routing id names and wait
 * when it is full. Single-frame messages, safe for several threads.
 *
 * <p>Thread-safety: safe for any number of threads ({@link SocketBase} takes its lock).
 */
public final class ServerSocketImpl extends DuplexSocket implements ServerSocket {

    private final FairQueue inbound = new FairQueue(link -> { });
    private final Map<Integer, PeerLink> connections = new HashMap<>();
    private int nextId = ThreadLocalRandom.current().nextInt();

    /** Creates the socket in the context {@code context}; called by the context only. */
    public ServerSocketImpl(SocketHost context) {
        super(context, SocketType.SERVER);
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
        SingleFrame.requireSingleFrame(message, "SERVER");
        int id = message.routingId();
        if (id == 0) {
            throw new IllegalArgumentException("a SERVER message needs the routing id of a connection: "
                    + "use Message.withRoutingId with the id of a received message");
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
