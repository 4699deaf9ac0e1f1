package dev.meshmq.patterns.core;

import dev.meshmq.SocketOptions;
import dev.meshmq.SocketType;
import dev.meshmq.transport.DirectReceive;
import dev.meshmq.transport.PeerLink;
import dev.meshmq.transport.ReceiveSelector;
import dev.meshmq.transport.SafeLogger;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A socket's links and the events about them: the I/O threads post that a link attached, detached,
 * became readable or writable, or that its peer finished a handshake; the caller thread takes the
 * events and hands each to the pattern's hooks on {@link SocketBase}, once per link and state.
 *
 * <p>Thread-safety: {@link #post} and the link set's reads from any thread; {@link #processEvents},
 * {@link #handle} and the other methods on the thread that is inside the socket's calls (see
 * {@link CallGate}), or on the closing thread once the socket is closed.
 */
final class LinkEvents {

    private static final System.Logger LOG = SafeLogger.named(LinkEvents.class.getName());

    private final SocketBase socket;
    private final LinkEventInbox inbox;
    private final Set<PeerLink> links = ConcurrentHashMap.newKeySet();
    private final LingerTracker lingering;
    /** For a receive that reads the socket's one connection itself; opened on first use, closed with the socket. */
    private final ReceiveSelector receiveSelector = new ReceiveSelector();

    LinkEvents(SocketBase socket, Waiter waiter, LingerTracker lingering) {
        this.socket = socket;
        this.inbox = new LinkEventInbox(waiter);
        this.lingering = lingering;
    }

    /** The inbox the events arrive in. */
    LinkEventInbox inbox() {
        return inbox;
    }

    /** The links currently attached; safe to iterate from any thread. */
    Set<PeerLink> links() {
        return links;
    }

    /**
     * Returns the offer of direct reads ({@link DirectReceive}) of this socket's connection, if it has exactly
     * one link and that link's connection makes one.
     *
     * @return the offer, or null
     */
    DirectReceive soleDirectReceive() {
        if (links.size() != 1) {
            return null;
        }
        for (PeerLink link : links) {
            return link.directReceive();
        }
        return null;
    }

    /** The socket's selector for direct reads. */
    ReceiveSelector receiveSelector() {
        return receiveSelector;
    }

    /** Queues an event; any thread. */
    void post(LinkEvent event) {
        inbox.post(event);
    }

    /** An I/O thread attached a link: it is counted now and admitted by the caller thread. */
    void attach(PeerLink link) {
        links.add(link);
        post(new LinkEvent(LinkEvent.Kind.ATTACHED, link));
    }

    /**
     * Handles every event that waits.
     *
     * @return true if there was at least one
     */
    boolean processEvents() {
        LinkEvent event = inbox.poll();
        if (event == null) {
            return false;
        }
        do {
            handle(event);
        } while ((event = inbox.poll()) != null);
        return true;
    }

    /** Hands one event to the pattern. */
    void handle(LinkEvent event) {
        PeerLink link = event.link();
        switch (event.kind()) {
            case ATTACHED:
                handleAttached(link);
                break;
            case DETACHED:
                handleDetached(link);
                break;
            case READABLE:
                if (link.socketState != null) {
                    socket.linkReadable(link);
                }
                break;
            case PEER_READY:
                if (link.socketState != null && !LinkState.of(link).detached) {
                    comeOnline(link);
                    announceReady(link);
                }
                break;
            case PEER_LOST:
                countLost(link, link.takeUnwrittenAtDisconnect());
                if (link.socketState != null && !LinkState.of(link).detached && immediate()) {
                    LinkState.of(link).offline = true;
                    socket.linkOffline(link);
                }
                break;
            case WRITABLE:
                if (link.socketState != null && !LinkState.of(link).detached) {
                    socket.linkWritable(link);
                }
                break;
            default:
                throw new IllegalStateException("unknown link event " + event.kind());
        }
    }

    /** Admits a new link (or, if the socket closed meanwhile, closes it with the linger). */
    void handleAttached(PeerLink link) {
        if (link.socketState != null) {
            return;
        }
        LinkState state = new LinkState(link);
        link.socketState = state;
        links.add(link);
        if (socket.isClosed()) {
            terminateLingering(link, socket.lingerNanos());
            return;
        }
        link.inbound().registerReader(() -> post(state.readableEvent));
        link.outbound().registerWriter(() -> post(state.writableEvent));
        LinkLimits.attached(link, socket.transportOptions());
        state.offline = link.peer() == null && immediate();
        if (!socket.admit(link)) {
            state.detached = true;
            links.remove(link);
            terminate(link, 0);
            return;
        }
        if (link.peer() != null) {
            announceReady(link);
        }
    }

    private boolean immediate() {
        return socket.get(SocketOptions.IMMEDIATE);
    }

    /** IMMEDIATE: a link that was offline has a connection again; the pattern may queue to it. */
    private void comeOnline(PeerLink link) {
        LinkState state = LinkState.of(link);
        if (state.offline) {
            state.offline = false;
            socket.linkWritable(link);
        }
    }

    /** Tells the pattern about the link's current peer, once per handshake. */
    void announceReady(PeerLink link) {
        LinkState state = LinkState.of(link);
        if (link.peer() != null && state.announcedPeer != link.peer()) {
            state.announcedPeer = link.peer();
            ConnectionOptions.sendHello(socket, link);
            socket.peerReady(link);
        }
    }

    private void handleDetached(PeerLink link) {
        links.remove(link);
        if (link.socketState == null) {
            LinkState state = new LinkState(link);
            state.detached = true;
            link.socketState = state;
            return;
        }
        LinkState state = LinkState.of(link);
        if (!state.detached) {
            state.detached = true;
            countLostWithConnection(link);
            socket.linkDetached(link);
        }
    }

    /**
     * A link the transport ended while the socket was open (its connection closed and it does not
     * reconnect, or an inproc peer closed): what is left in its outbound pipe will never be read, so it is
     * counted as discarded at disconnect and logged. The pipe's reader closed before the detach was
     * posted, so the socket, the pipe's only writer, sees its final size. A link the socket ended itself
     * (its writing end closed: close, disconnect, unbind, a ROUTER hand-over) is the linger's business.
     */
    private void countLostWithConnection(PeerLink link) {
        long unwritten = link.takeUnwrittenAtDisconnect();
        if (socket.isClosed() || !link.endedByTransport()) {
            countLost(link, unwritten);
            return;
        }
        countLost(link, link.outbound().size() + unwritten);
    }

    /**
     * Counts and logs {@code lost} messages of {@code link} that will never reach its peer: those left in
     * its pipe and those its connection had taken but not written in full when it ended (a connecting
     * link's connection that ended and will be made again loses only the latter).
     */
    private void countLost(PeerLink link, long lost) {
        if (lost > 0) {
            socket.counters().discardedAtDisconnect(lost);
            LOG.log(lossLevel(socket.type()), "{0} socket discarded {1} message(s) queued for a peer of {2} "
                    + "whose connection ended", socket.type(), lost, link.endpoint());
        }
    }

    /**
     * A publisher's subscribers come and go and each takes only what arrives while it is there, so a
     * departing subscriber's backlog is counted but logged at DEBUG (a fan-out to churning subscribers would
     * otherwise log a WARNING per departure); every other type's loss is a WARNING.
     */
    private static System.Logger.Level lossLevel(SocketType type) {
        return type == SocketType.PUB || type == SocketType.XPUB || type == SocketType.RADIO
                ? System.Logger.Level.DEBUG : System.Logger.Level.WARNING;
    }

    private static void terminate(PeerLink link, long lingerNanos) {
        link.outbound().closeWriting();
        link.inbound().closeReading();
        link.terminate(lingerNanos);
    }

    /**
     * On close: every link, and every link attached but not yet admitted, is closed; what is queued
     * gets the linger. Called once, by the closing thread, after the socket is marked closed.
     */
    void terminateAll(long linger) {
        for (PeerLink link : links) {
            terminateLingering(link, linger);
        }
        LinkEvent event;
        while ((event = inbox.poll()) != null) {
            if (event.kind() == LinkEvent.Kind.ATTACHED) {
                terminateLingering(event.link(), linger);
            }
        }
        receiveSelector.close();
    }

    /** Closes a link on close: what is queued gets the linger, and what it discards is counted. */
    void terminateLingering(PeerLink link, long lingerNanos) {
        link.outbound().closeWriting();
        link.inbound().closeReading();
        lingering.track(link, lingerNanos);
        link.terminate(lingerNanos);
    }
}
