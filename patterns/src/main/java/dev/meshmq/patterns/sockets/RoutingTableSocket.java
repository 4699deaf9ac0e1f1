package dev.meshmq.patterns.sockets;

import dev.meshmq.Frame;
import dev.meshmq.Message;
import dev.meshmq.SocketOptions;
import dev.meshmq.SocketType;
import dev.meshmq.patterns.core.DuplexSocket;
import dev.meshmq.patterns.core.LinkState;
import dev.meshmq.patterns.core.SocketBase;
import dev.meshmq.patterns.core.SocketHost;
import dev.meshmq.patterns.routing.FairQueue;
import dev.meshmq.patterns.routing.RoutingTable;
import dev.meshmq.transport.PeerLink;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * What ROUTER and STREAM share: a routing id frame per link, kept in a {@link RoutingTable}; received
 * messages are fair-queued and get their link's id in front, and sent messages go to the link their
 * first frame names ({@link #destination}). A connect may ask for its link's id with CONNECT_ROUTING_ID
 * ({@link #takeConnectRoutingId}); what a subclass chose at {@code connect()} waits in
 * {@link #connectIds} until it gives the link its id. The subclass decides when a link gets its id and
 * what a message to an unknown id does; a link without an id yet has its messages discarded, and the
 * {@link #arrived} hook sees every link a message comes from.
 *
 * <p>Thread-safety: see {@link SocketBase}.
 */
abstract class RoutingTableSocket extends DuplexSocket {

    /** The links by routing id. */
    final RoutingTable table = new RoutingTable();
    /** Ids chosen at {@code connect()}, by the link they were chosen for, until it is given its id. */
    final Map<PeerLink, Frame> connectIds = new IdentityHashMap<>();
    private final FairQueue inbound = new FairQueue(link -> { });

    RoutingTableSocket(SocketHost context, SocketType type) {
        super(context, type);
    }

    /** A message from {@code link} was taken from the fair queue; by default nothing more happens. */
    void arrived(PeerLink link) {
    }

    /**
     * Returns the id CONNECT_ROUTING_ID asks for and clears the option, so it serves one connect only.
     *
     * @return the id, or null if the option is not set
     */
    final Frame takeConnectRoutingId() {
        byte[] assigned = get(SocketOptions.CONNECT_ROUTING_ID);
        if (assigned.length == 0) {
            return null;
        }
        set(SocketOptions.CONNECT_ROUTING_ID, new byte[0]);
        return Frame.wrap(assigned);
    }

    /** Starts receiving from a link admitted to the socket. */
    final void receiveFrom(PeerLink link) {
        inbound.activate(link);
    }

    /**
     * Returns the live link a message's first frame names.
     *
     * @param message a message of at least one frame
     * @return the link, or null if no link has that id or its link is detached
     */
    final PeerLink destination(Message message) {
        PeerLink link = table.find(message.first());
        // a link whose reading end the transport closed is gone, even if its detach is still on its way
        // (a STREAM connection's disconnect note can be read before it)
        return link == null || LinkState.of(link).detached || link.outbound().isReaderClosed() ? null : link;
    }

    /** Returns the message without its first frame (the routing id). */
    static Message withoutRoutingId(Message message) {
        return Message.of(message.frames().subList(1, message.size()));
    }

    @Override
    protected final void linkDetached(PeerLink link) {
        LinkState state = LinkState.of(link);
        if (state.routingId != null) {
            table.remove(state.routingId, link);
        }
        connectIds.remove(link);
        inbound.activate(link);
    }

    @Override
    protected final void linkReadable(PeerLink link) {
        inbound.activate(link);
    }

    @Override
    protected final void linkWritable(PeerLink link) {
        // sends go by routing id; a sender waiting for room retries on every event
    }

    /** Without ROUTER_MANDATORY a ROUTER never waits (it drops), and a STREAM send never waits for a peer. */
    @Override
    protected final boolean canSendNow() {
        return true;
    }

    @Override
    protected final Message attemptReceive() {
        Message message;
        while ((message = inbound.receive()) != null) {
            PeerLink link = inbound.lastLink();
            arrived(link);
            Frame id = LinkState.of(link).routingId;
            if (id != null) {
                return message.prepend(id);
            }
        }
        return null;
    }
}
