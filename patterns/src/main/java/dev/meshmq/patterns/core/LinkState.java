package dev.meshmq.patterns.core;

import dev.meshmq.Frame;
import dev.meshmq.transport.PeerInfo;
import dev.meshmq.transport.PeerLink;

/**
 * A socket's own bookkeeping for one link: whether the routing strategies currently hold it, and
 * the events posted for it, allocated once.
 *
 * <p>Thread-safety: fields belong to the socket's caller thread; the events are immutable.
 */
public final class LinkState {

    final LinkEvent readableEvent;
    final LinkEvent writableEvent;
    public boolean readable;
    public boolean writable;
    public boolean detached;
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

    public static LinkState of(PeerLink link) {
        return (LinkState) link.socketState;
    }
}
