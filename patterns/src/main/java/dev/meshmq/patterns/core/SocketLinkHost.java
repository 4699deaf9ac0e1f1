package dev.meshmq.patterns.core;

import dev.meshmq.MonitorEvent;
import dev.meshmq.patterns.monitor.MonitorSlot;
import dev.meshmq.transport.LinkHost;
import dev.meshmq.transport.PeerLink;
import dev.meshmq.transport.TransportOptions;

/**
 * A socket as the transport sees it: where its links are attached, detached and told about their
 * peers (as link events for the socket's own thread), where its handshake counters and monitor events
 * go, and which options its connections use. {@link SocketEndpoints} hands this object, not the socket,
 * to the transport, so the socket's public surface and the transport's callbacks stay apart.
 *
 * <p>Thread-safety: every method may be called from any thread (I/O threads, the context's inproc
 * registry); each only posts an event, counts, or offers a monitor event, and none blocks.
 */
final class SocketLinkHost implements LinkHost {

    private final SocketBase socket;
    private final LinkEvents events;
    private final SocketCounters counters;
    private final MonitorSlot monitor;

    SocketLinkHost(SocketBase socket, LinkEvents events, SocketCounters counters, MonitorSlot monitor) {
        this.socket = socket;
        this.events = events;
        this.counters = counters;
        this.monitor = monitor;
    }

    @Override
    public TransportOptions transportOptions() {
        return socket.transportOptions();
    }

    @Override
    public void attach(PeerLink link) {
        events.attach(link);
    }

    @Override
    public void peerConnected(PeerLink link) {
        events.post(new LinkEvent(LinkEvent.Kind.PEER_READY, link));
    }

    @Override
    public void peerDisconnected(PeerLink link) {
        events.post(new LinkEvent(LinkEvent.Kind.PEER_LOST, link));
    }

    @Override
    public void detach(PeerLink link) {
        events.post(new LinkEvent(LinkEvent.Kind.DETACHED, link));
    }

    @Override
    public boolean refusesNewPeers() {
        return socket.refusesNewPeers();
    }

    @Override
    public boolean isMonitored() {
        return monitor.isActive();
    }

    @Override
    public void monitorEvent(MonitorEvent event) {
        monitor.offer(event);
    }

    @Override
    public void handshakeEvicted() {
        counters.handshakeEvicted();
    }

    @Override
    public void authenticationFailed() {
        counters.authenticationFailed();
    }

    @Override
    public String toString() {
        return socket.toString();
    }
}
