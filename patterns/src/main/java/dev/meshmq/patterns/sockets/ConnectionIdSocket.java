package dev.meshmq.patterns.sockets;

import dev.meshmq.HostUnreachableException;
import dev.meshmq.Message;
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
 * What SERVER and PEER share: a non-zero 32-bit routing id per connection (random start, counting up,
 * 0 skipped), given when the link is admitted and set on every received message; sends go to the
 * connection the message's routing id names and wait when it is full. Single-frame messages: multipart
 * ones are refused on send and discarded on receipt. The subclass says, for the error a message
 * without an id gets, where a sender finds one.
 *
 * <p>Thread-safety: see {@link SocketBase}, which takes its lock for these types.
 */
abstract class ConnectionIdSocket extends DuplexSocket {

    private final FairQueue inbound = new FairQueue(link -> { });
    private final Map<Integer, PeerLink> connections = new HashMap<>();
    private final String whereIdsComeFrom;
    private int nextId = ThreadLocalRandom.current().nextInt();

    /**
     * Creates the socket; see {@link SocketBase#SocketBase}.
     *
     * @param whereIdsComeFrom completes "use Message.withRoutingId with ...", for a message sent without
     *     a routing id
     */
    ConnectionIdSocket(SocketHost context, SocketType type, String whereIdsComeFrom) {
        super(context, type);
        this.whereIdsComeFrom = whereIdsComeFrom;
    }

    @Override
    protected final boolean admit(PeerLink link) {
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
    protected final void linkDetached(PeerLink link) {
        connections.remove(LinkState.of(link).serverRoutingId, link);
        inbound.activate(link);
    }

    @Override
    protected final void linkReadable(PeerLink link) {
        inbound.activate(link);
    }

    @Override
    protected final void linkWritable(PeerLink link) {
        // a waiting sender retries on every event
    }

    @Override
    protected final boolean canSendNow() {
        return !connections.isEmpty();
    }

    @Override
    protected final boolean attemptSend(Message message) {
        SingleFrame.requireSingleFrame(message, type().name());
        int id = message.routingId();
        if (id == 0) {
            throw new IllegalArgumentException("a " + type() + " message needs the routing id of a connection: "
                    + "use Message.withRoutingId with " + whereIdsComeFrom);
        }
        PeerLink link = connections.get(id);
        if (link == null || link.outbound().isReaderClosed()) {
            // a closed reader: the connection ended, its detach not handled yet; it is gone all the same
            throw new HostUnreachableException("no connection with routing id " + Integer.toUnsignedString(id));
        }
        return link.outbound().write(message);
    }

    @Override
    protected final Message attemptReceive() {
        Message message;
        while ((message = inbound.receive()) != null) {
            if (message.size() == 1) {
                return message.withRoutingId(LinkState.of(inbound.lastLink()).serverRoutingId);
            }
        }
        return null;
    }
}
