package dev.meshmq.patterns.core;

import dev.meshmq.Frame;
import dev.meshmq.transport.PeerInfo;
import dev.meshmq.transport.PeerLink;

/**
 * A socket's own bookkeeping for one link: whether the routing strategies currently hold it, and
 * the events posted for it, allocated once.
 *
 * <p>Thread-safety: fields belong to the socket's caller thread; the events are immutable. The fields
 * the routing strategies and socket types of the sibling packages keep are public: this package is
 * not exported, and only the thread inside the socket's calls touches them.
 */
public final class LinkState {

    final LinkEvent readableEvent;
    final LinkEvent writableEvent;
    /** The fair queue holds this link: it may have messages. */
    public boolean readable;
    /** The load balancer holds this link: it may have room. */
    public boolean writable;
    /** The link is gone, or was refused; it is read to the end but no longer sent to. */
    public boolean detached;
    /** IMMEDIATE: a connect's link without a connection now; the load balancer leaves it out. */
    public boolean offline;
    /** The peer last announced to the pattern, so each handshake is announced once. */
    PeerInfo announcedPeer;
    /** SERVER: the connection's routing id, 0 while it has none. */
    public int serverRoutingId;
    /** ROUTER: the id this link is routed by, null while it has none. */
    public Frame routingId;

    LinkState(PeerLink link) {
        this.readableEvent = new LinkEvent(LinkEvent.Kind.READABLE, link);
        this.writableEvent = new LinkEvent(LinkEvent.Kind.WRITABLE, link);
    }

    /** Returns the state this socket keeps for {@code link}; set when the link was first seen. */
    public static LinkState of(PeerLink link) {
        return (LinkState) link.socketState;
    }
}
