package dev.meshmq.patterns.sockets;

import dev.meshmq.Frame;
import dev.meshmq.HostUnreachableException;
import dev.meshmq.Message;
import dev.meshmq.SocketType;
import dev.meshmq.StreamSocket;
import dev.meshmq.patterns.core.LinkState;
import dev.meshmq.patterns.core.SocketHost;
import dev.meshmq.patterns.routing.RoutingIds;
import dev.meshmq.transport.PeerLink;

/**
 * STREAM over the transport's raw connections: each link is one TCP (or ipc) connection, given a
 * routing id when it is admitted (a connect's at {@code connect()}: CONNECT_ROUTING_ID or an automatic
 * one, kept across reconnects). Received messages get the id in front; sent ones are routed by it
 * ({@link RoutingTableSocket}), and [id, empty] closes that link's connection (a connect's stops
 * reconnecting too, as its link closes).
 *
 * <p>Thread-safety: see {@link dev.meshmq.patterns.core.SocketBase}.
 */
public final class StreamSocketImpl extends RoutingTableSocket implements StreamSocket {

    /** Creates the socket in the context {@code context}; called by the context only. */
    public StreamSocketImpl(SocketHost context) {
        super(context, SocketType.STREAM);
    }

    @Override
    protected void connecting(PeerLink link) {
        Frame id = takeConnectRoutingId();
        if (id == null) {
            id = table.automaticId();
        } else if (table.find(id) != null) {
            throw new IllegalArgumentException("CONNECT_ROUTING_ID " + RoutingIds.describe(id)
                    + " is already the routing id of a connection of this STREAM socket");
        }
        connectIds.put(link, id);
    }

    @Override
    protected boolean admit(PeerLink link) {
        LinkState state = LinkState.of(link);
        Frame id = connectIds.remove(link);
        state.routingId = id != null ? id : table.automaticId();
        table.put(state.routingId, link);
        receiveFrom(link);
        return true;
    }

    @Override
    protected boolean attemptSend(Message message) {
        if (message.size() < 2) {
            throw new IllegalArgumentException("a STREAM message needs a routing id frame and a data frame");
        }
        PeerLink link = destination(message);
        if (link == null) {
            throw new HostUnreachableException("no connection with routing id "
                    + RoutingIds.describe(message.first()));
        }
        Message data = withoutRoutingId(message);
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
