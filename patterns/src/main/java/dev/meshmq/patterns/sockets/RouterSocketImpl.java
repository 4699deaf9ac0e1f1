package dev.meshmq.patterns.sockets;

import dev.meshmq.Frame;
import dev.meshmq.HostUnreachableException;
import dev.meshmq.Message;
import dev.meshmq.RouterSocket;
import dev.meshmq.SocketOptions;
import dev.meshmq.SocketType;
import dev.meshmq.patterns.core.LinkState;
import dev.meshmq.patterns.core.SocketBase;
import dev.meshmq.patterns.core.SocketHost;
import dev.meshmq.patterns.routing.RoutingIds;
import dev.meshmq.transport.PeerLink;
import dev.meshmq.transport.SafeLogger;
import java.lang.System.Logger.Level;

/**
 * ROUTER: every link gets a routing id when its peer is known (CONNECT_ROUTING_ID for a connect that
 * set it, else the peer's Identity, else an automatic one); received messages get that id in front,
 * and sent messages are routed by their first frame ({@link RoutingTableSocket}). A second peer with an
 * id in use is ignored, or, with ROUTER_HANDOVER, takes the id over while the first is relabelled and
 * closed.
 *
 * <p>Thread-safety: see {@link SocketBase}.
 */
public final class RouterSocketImpl extends RoutingTableSocket implements RouterSocket {

    /** The logger's name: the class's name before the patterns package was split, kept for logging configurations. */
    static final String LOGGER_NAME = "dev.meshmq.patterns.RouterSocketImpl";
    private static final System.Logger LOG = SafeLogger.named(LOGGER_NAME);

    private volatile boolean mandatory;

    /** Creates the socket in the context {@code context}; called by the context only. */
    public RouterSocketImpl(SocketHost context) {
        super(context, SocketType.ROUTER);
    }

    @Override
    protected void optionsChanged() {
        mandatory = get(SocketOptions.ROUTER_MANDATORY);
    }

    @Override
    protected void connecting(PeerLink link) {
        Frame assigned = takeConnectRoutingId();
        if (assigned != null) {
            connectIds.put(link, assigned);
        }
    }

    @Override
    protected boolean admit(PeerLink link) {
        receiveFrom(link);
        Probe.sendIfEnabled(this, link);
        return true;
    }

    @Override
    protected void peerReady(PeerLink link) {
        LinkState state = LinkState.of(link);
        if (state.routingId != null) {
            table.remove(state.routingId, link);
            state.routingId = null;
        }
        Frame id = chooseId(link);
        PeerLink holder = table.find(id);
        if (holder != null && holder != link) {
            if (!get(SocketOptions.ROUTER_HANDOVER)) {
                LOG.log(Level.DEBUG, "ROUTER ignores a peer on {0}: routing id already in use", link.endpoint());
                return;
            }
            LinkState previous = LinkState.of(holder);
            previous.routingId = table.automaticId();
            table.put(previous.routingId, holder);
            table.remove(id, holder);
            holder.outbound().closeWriting();
            holder.terminate(0);
        }
        state.routingId = id;
        table.put(id, link);
    }

    private Frame chooseId(PeerLink link) {
        Frame assigned = connectIds.get(link);
        if (assigned != null) {
            return assigned;
        }
        byte[] identity = link.peer().identity();
        return identity.length > 0 ? Frame.of(identity) : table.automaticId();
    }

    @Override
    void arrived(PeerLink link) {
        if (link.peer() != null) {
            // once per handshake: also when a reconnect's first message (a ROUTER_NOTIFY note, say)
            // is read before its PEER_READY event is handled
            announceReady(link);
        }
    }

    @Override
    protected boolean attemptSend(Message message) {
        if (message.size() < 2) {
            throw new IllegalArgumentException("a ROUTER message needs a routing id frame and at least one more frame");
        }
        PeerLink link = destination(message);
        boolean mandatory = this.mandatory;
        if (link == null) {
            if (mandatory) {
                throw new HostUnreachableException("no peer with routing id " + RoutingIds.describe(message.first()));
            }
            counters().droppedUnroutable();
            return true;
        }
        if (link.outbound().write(withoutRoutingId(message))) {
            return true;
        }
        if (mandatory) {
            return false;
        }
        counters().droppedAtHwm();
        return true;
    }
}
