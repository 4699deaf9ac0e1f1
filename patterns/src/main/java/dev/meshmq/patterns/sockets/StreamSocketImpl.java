package dev.meshmq.patterns.sockets;

import dev.meshmq.Frame;
import dev.meshmq.HostUnreachableException;
import dev.meshmq.Message;
import dev.meshmq.SocketOptions;
import dev.meshmq.SocketType;
import dev.meshmq.StreamSocket;
import dev.meshmq.patterns.core.DuplexSocket;
import dev.meshmq.patterns.core.LinkState;
import dev.meshmq.patterns.core.SocketHost;
import dev.meshmq.patterns.routing.FairQueue;
import dev.meshmq.patterns.routing.RoutingIds;
import dev.meshmq.patterns.routing.RoutingTable;
import dev.meshmq.transport.PeerLink;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * STREAM over the transport's raw connections: each link is one TCP (or ipc) connection, given a
 * routing id when it is admitted (a connect's at {@code connect()}: CONNECT_ROUTING_ID or an automatic
 * one, kept across reconnects). Received messages get the id in front; sent ones are routed by it, and
 * [id, empty] closes that link's connection (a connect's stops reconnecting too, as its link closes).
 *
 * <p>Thread-safety: see {@link dev.meshmq.patterns.core.SocketBase}.
 */
public final class StreamSocketImpl extends DuplexSocket implements StreamSocket {

    private final FairQueue inbound = new FairQueue(link -> { });
    private final RoutingTable table = new RoutingTable();
    /** The ids chosen at {@code connect()}, until the link is admitted. */
    private final Map<PeerLink, Frame> pendingIds = new IdentityHashMap<>();

    /** Creates the socket in the context {@code context}; called by the context only. */
    public StreamSocketImpl(SocketHost context) {
        super(context, SocketType.STREAM);
    }

    @Override
    protected void connecting(PeerLink link) {
        byte[] assigned = get(SocketOptions.CONNECT_ROUTING_ID);
        Frame id;
        if (assigned.length > 0) {
            id = Frame.wrap(assigned);
            set(SocketOptions.CONNECT_ROUTING_ID, new byte[0]);
            if (table.find(id) != null) {
                throw new IllegalArgumentException("CONNECT_ROUTING_ID " + RoutingIds.describe(id)
                        + " is already the routing id of a connection of this STREAM socket");
            }
        } else {
            id = table.automaticId();
        }
        pendingIds.put(link, id);
    }

    @Override
    protected boolean admit(PeerLink link) {
        LinkState state = LinkState.of(link);
        Frame id = pendingIds.remove(link);
        state.routingId = id != null ? id : table.automaticId();
        table.put(state.routingId, link);
        inbound.activate(link);
        return true;
    }

    @Override
    protected void linkDetached(PeerLink link) {
        LinkState state = LinkState.of(link);
        if (state.routingId != null) {
            table.remove(state.routingId, link);
        }
        pendingIds.remove(link);
        inbound.activate(link);
    }

    @Override
    protected void linkReadable(PeerLink link) {
        inbound.activate(link);
    }

    @Override
    protected void linkWritable(PeerLink link) {
        // a sender waiting for room retries on every event
    }

    @Override
    protected Message attemptReceive() {
        Message message = inbound.receive();
        if (message == null) {
            return null;
        }
        return message.prepend(LinkState.of(inbound.lastLink()).routingId);
    }

    @Override
    protected boolean canSendNow() {
        return true;
    }

    @Override
    protected boolean attemptSend(Message message) {
        if (message.size() < 2) {
            throw new IllegalArgumentException("a STREAM message needs a routing id frame and a data frame");
        }
        Frame id = message.first();
        PeerLink link = table.find(id);
        if (link == null || LinkState.of(link).detached) {
            throw new HostUnreachableException("no connection with routing id " + RoutingIds.describe(id));
        }
        Message data = Message.of(message.frames().subList(1, message.size()));
        if (data.byteCount() == 0) {
            close(link);
            return true;
        }
        return link.outbound().write(data);
    }

    /** [id, empty]: closes the connection once what is queued is written, within LINGER. */
    private void close(PeerLink link) {
        LinkState state = LinkState.of(link);
        table.remove(state.routingId, link);
        link.outbound().closeWriting();
        link.inbound().closeReading();
        link.terminate(lingerNanos());
    }
}
