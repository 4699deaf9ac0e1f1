package dev.meshmq.patterns;

import dev.meshmq.ContextClosedException;
import dev.meshmq.Message;
import dev.meshmq.Monitor;
import dev.meshmq.MonitorEvent;
import dev.meshmq.Socket;
import dev.meshmq.SocketClosedException;
import dev.meshmq.SocketOption;
import dev.meshmq.SocketStateException;
import dev.meshmq.SocketStatistics;
import dev.meshmq.SocketType;
import dev.meshmq.transport.LinkHost;
import dev.meshmq.transport.PeerLink;
import dev.meshmq.transport.TransportOptions;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * What every socket pattern shares: endpoints, options, the links to peers and the events about
 * them, blocking with timeouts, and close. A pattern supplies how it admits links and how one
 * attempt to send or receive works; this class repeats the attempt, waiting between tries for an
 * event on one of the links.
 *
 * <p>Thread-safety: the classic socket contract. One thread at a time may send, receive, bind,
 * connect or set options; a second thread entering while one is inside gets an
 * {@link IllegalStateException} instead of corrupting state. The thread-safe types (CLIENT, SERVER)
 * take a lock instead, held while inside and released while waiting, so several threads may send
 * and receive at once ({@link SocketOwnership}). {@link #close()} and
 * {@link #closeAndAwaitDelivery(Duration)} are safe from any thread; a {@link LingerTracker} follows
 * the linger after close. Link events arrive from I/O threads through a concurrent queue and are
 * handled by the caller thread.
 */
abstract class SocketBase implements Socket, LinkHost {

    private static final long FOREVER = Timeouts.FOREVER;

    private final MeshContext context;
    private final SocketType type;
    private final SocketOptionValues options;
    private final LinkEventInbox events;
    private final Set<PeerLink> links = ConcurrentHashMap.newKeySet();
    private final SocketEndpoints endpoints;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final SocketCounters counters = new SocketCounters();
    private final SocketOwnership ownership;
    private volatile boolean closedByContext;
    private final MonitorSlot monitor;
    /** The links this socket closed that still send what was queued, and how many messages they lost. */
    private final LingerTracker lingering;
    /** A message taken by a poller's readiness check, handed out by the next receive. */
    private Message lookahead;

    SocketBase(MeshContext context, SocketType type) {
        this.context = context;
        this.events = new LinkEventInbox(context.newWaiter());
        this.type = type;
        this.options = new SocketOptionValues(type);
        this.endpoints = new SocketEndpoints(context.transport(), this);
        this.monitor = new MonitorSlot(type.name());
        this.lingering = new LingerTracker(type, counters, monitor);
        this.ownership = new SocketOwnership(type);
    }

    /**
     * Decides whether a new link joins this socket, and if so puts it in the routing strategies.
     *
     * @param link the new link, its {@link LinkState} already set
     * @return false to refuse it (it is then closed)
     */
    abstract boolean admit(PeerLink link);

    /** A link is gone; read what is left on it, stop sending to it. */
    abstract void linkDetached(PeerLink link);

    /** A link's inbound pipe may have messages again. */
    abstract void linkReadable(PeerLink link);

    /** A link's outbound pipe has room again. */
    abstract void linkWritable(PeerLink link);

    /**
     * A link's peer (re)connected: {@link PeerLink#peer()} describes it. Called once per handshake,
     * for connected links after every reconnect and for accepted links when they are admitted.
     */
    void peerReady(PeerLink link) {
        // most patterns keep no per-peer state
    }

    /** A connect() created this link; called before it is admitted. */
    void connecting(PeerLink link) {
        // most patterns need nothing here
    }

    /** One attempt to send, without waiting: true if the message was taken. */
    abstract boolean attemptSend(Message message);

    /** One attempt to receive, without waiting: the message, or null. */
    abstract Message attemptReceive();

    final MeshContext context() {
        return context;
    }

    @Override
    public final SocketType type() {
        return type;
    }

    @Override
    public final TransportOptions transportOptions() {
        return options.transportOptions();
    }

    @Override
    public final String bind(String endpoint) {
        enter();
        try {
            checkOpen();
            String resolved = endpoints.bind(endpoint);
            if (closed.get()) {
                endpoints.releaseBindings(0);
            }
            return resolved;
        } finally {
            exit();
        }
    }

    @Override
    public final void connect(String endpoint) {
        enter();
        try {
            checkOpen();
            PeerLink link = endpoints.connect(endpoint);
            connecting(link);
            handleAttached(link);
        } finally {
            exit();
        }
    }

    @Override
    public final void unbind(String endpoint) {
        enter();
        try {
            checkOpen();
            String resolved = endpoints.unbind(endpoint, options.lingerNanos());
            lingering.trackAccepted(links, resolved, options.lingerNanos());
        } finally {
            exit();
        }
    }

    @Override
    public final void disconnect(String endpoint) {
        enter();
        try {
            checkOpen();
            PeerLink link = endpoints.disconnect(endpoint);
            link.outbound().closeWriting();
            lingering.track(link, options.lingerNanos());
            link.terminate(options.lingerNanos());
            handle(new LinkEvent(LinkEvent.Kind.DETACHED, link));
        } finally {
            exit();
        }
    }

    @Override
    public final <T> void set(SocketOption<T> option, T value) {
        Objects.requireNonNull(option, "option");
        checkOpen();
        if (!option.appliesTo(type)) {
            throw new IllegalArgumentException("option " + option + " does not apply to a " + type + " socket");
        }
        options.set(option, value);
        LinkLimits.optionSet(option, links, options.transportOptions());
        optionsChanged();
    }

    /**
     * An option changed: a pattern that reads options on every message keeps them in fields and
     * refreshes them here, so the hot path makes no map look-up. Any thread (set may be called from
     * any thread); implementations write volatile fields only.
     */
    void optionsChanged() {
        // most patterns read no option per message
    }

    @Override
    public final <T> T get(SocketOption<T> option) {
        Objects.requireNonNull(option, "option");
        return options.get(option);
    }

    @Override
    public final String lastEndpoint() {
        return endpoints.lastEndpoint();
    }

    @Override
    public final SocketStatistics statistics() {
        return counters.snapshot(links);
    }

    @Override
    public final void handshakeEvicted() {
        counters.handshakeEvicted();
    }

    /** This socket's counters, for the pattern to count drops. */
    final SocketCounters counters() {
        return counters;
    }

    @Override
    public final boolean isClosed() {
        return closed.get();
    }

    @Override
    public final void attach(PeerLink link) {
        links.add(link);
        post(new LinkEvent(LinkEvent.Kind.ATTACHED, link));
    }

    @Override
    public final void peerConnected(PeerLink link) {
        post(new LinkEvent(LinkEvent.Kind.PEER_READY, link));
    }

    @Override
    public final boolean isMonitored() {
        return monitor.isActive();
    }

    @Override
    public final void monitorEvent(MonitorEvent event) {
        monitor.offer(event);
    }

    @Override
    public final Monitor monitor(Consumer<MonitorEvent> listener) {
        Objects.requireNonNull(listener, "listener");
        checkOpen();
        return monitor.start(listener);
    }

    @Override
    public final Monitor monitor(String inprocEndpoint) {
        checkOpen();
        return monitor.startOnPair(inprocEndpoint, context);
    }

    @Override
    public final void detach(PeerLink link) {
        post(new LinkEvent(LinkEvent.Kind.DETACHED, link));
    }

    private void post(LinkEvent event) {
        events.post(event);
    }

    /**
     * Whether a send can go through without waiting. Called by a poller on the owner thread; a
     * pattern that answers false arms the wake-ups that will tell when it becomes true.
     */
    boolean canSendNow() {
        return false;
    }

    void setPollWaiter(Waiter poller) {
        events.setPollWaiter(poller);
    }

    /** True if an event waits to be handled or the socket closed: a poller should look again. */
    final boolean hasNews() {
        return !events.isEmpty() || closed.get();
    }

    /** A poller's check: can a message be received without waiting? Owner thread. */
    final boolean pollReceivable() {
        enter();
        try {
            processEvents();
            if (lookahead == null) {
                try {
                    lookahead = attemptReceive();
                } catch (SocketStateException e) {
                    return false;
                }
            }
            return lookahead != null;
        } finally {
            exit();
        }
    }

    /** A poller's check: can a message be sent without waiting? Owner thread. */
    final boolean pollSendable() {
        enter();
        try {
            processEvents();
            return canSendNow();
        } finally {
            exit();
        }
    }

    /**
     * Sends, retrying until the pattern takes the message or the timeout passes.
     *
     * @param message the message
     * @param timeout zero for one attempt, null for no limit
     * @return true if sent
     */
    final boolean sendWithin(Message message, Duration timeout) {
        Objects.requireNonNull(message, "message");
        long timeoutNanos = Timeouts.toNanos(timeout);
        enter();
        try {
            checkOpen();
            processEvents();
            if (attemptSend(message)) {
                counters.sent();
                return true;
            }
            long deadline = Timeouts.deadline(timeoutNanos);
            while (timeoutNanos != 0 && waitForEvent(deadline)) {
                if (attemptSend(message)) {
                    counters.sent();
                    return true;
                }
            }
            return false;
        } finally {
            exit();
        }
    }

    /**
     * Receives, retrying until a message comes or the timeout passes.
     *
     * @param timeout zero for one attempt, null for no limit
     * @return the message, or null
     */
    final Message receiveWithin(Duration timeout) {
        long timeoutNanos = Timeouts.toNanos(timeout);
        enter();
        try {
            checkOpen();
            processEvents();
            Message message = lookahead != null ? lookahead : attemptReceive();
            lookahead = null;
            if (message != null) {
                counters.received();
                return message;
            }
            long deadline = Timeouts.deadline(timeoutNanos);
            while (timeoutNanos != 0 && waitForEvent(deadline)) {
                message = attemptReceive();
                if (message != null) {
                    counters.received();
                    return message;
                }
            }
            return null;
        } finally {
            exit();
        }
    }

    /** Handles link events until {@code condition} holds (true) or the timeout passes (false; zero: one check). */
    final boolean awaitCondition(BooleanSupplier condition, Duration timeout) {
        long timeoutNanos = Timeouts.toNanos(timeout);
        enter();
        try {
            checkOpen();
            processEvents();
            long deadline = Timeouts.deadline(timeoutNanos);
            while (!condition.getAsBoolean()) {
                if (timeoutNanos == 0 || !waitForEvent(deadline)) {
                    return false;
                }
            }
            return true;
        } finally {
            exit();
        }
    }

    /** Runs {@code action} as the socket's one user, after handling pending link events. */
    final void runAsOwner(Runnable action) {
        awaitCondition(() -> {
            action.run();
            return true;
        }, Duration.ZERO);
    }

    /** Waits for an event or the deadline; handles the events; false once the deadline passed. */
    private boolean waitForEvent(long deadline) {
        if (deadline != FOREVER && System.nanoTime() - deadline >= 0) {
            return false;
        }
        ownership.await(events, deadline, closed::get);
        checkOpen();
        processEvents();
        return true;
    }

    private void processEvents() {
        LinkEvent event = events.poll();
        if (event == null) {
            return;
        }
        do {
            handle(event);
        } while ((event = events.poll()) != null);
        ownership.eventsHandled(events);
    }

    private void handle(LinkEvent event) {
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
                    linkReadable(link);
                }
                break;
            case PEER_READY:
                if (link.socketState != null && !LinkState.of(link).detached) {
                    announceReady(link);
                }
                break;
            case WRITABLE:
                if (link.socketState != null && !LinkState.of(link).detached) {
                    linkWritable(link);
                }
                break;
            default:
                throw new IllegalStateException("unknown link event " + event.kind());
        }
    }

    private void handleAttached(PeerLink link) {
        if (link.socketState != null) {
            return;
        }
        LinkState state = new LinkState(link);
        link.socketState = state;
        links.add(link);
        if (closed.get()) {
            terminateLingering(link, options.lingerNanos());
            return;
        }
        link.inbound().registerReader(() -> post(state.readableEvent));
        link.outbound().registerWriter(() -> post(state.writableEvent));
        LinkLimits.attached(link, options.transportOptions());
        if (!admit(link)) {
            state.detached = true;
            links.remove(link);
            terminate(link, 0);
            return;
        }
        if (link.peer() != null) {
            announceReady(link);
        }
    }

    /** Tells the pattern about the link's current peer, once per handshake. */
    final void announceReady(PeerLink link) {
        LinkState state = LinkState.of(link);
        if (link.peer() != null && state.announcedPeer != link.peer()) {
            state.announcedPeer = link.peer();
            peerReady(link);
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
            linkDetached(link);
        }
    }

    private static void terminate(PeerLink link, long lingerNanos) {
        link.outbound().closeWriting();
        link.inbound().closeReading();
        link.terminate(lingerNanos);
    }

    /** Closes a link on close: what is queued gets the linger, and what it discards is counted. */
    private void terminateLingering(PeerLink link, long lingerNanos) {
        link.outbound().closeWriting();
        link.inbound().closeReading();
        lingering.track(link, lingerNanos);
        link.terminate(lingerNanos);
    }

    final void checkOpen() {
        if (closed.get()) {
            if (closedByContext) {
                ContextClosedException broken = context.brokenBy();
                if (broken != null) {
                    throw new ContextClosedException(broken.getMessage(), broken.getCause());
                }
                throw new ContextClosedException("the context of this " + type + " socket was closed");
            }
            throw new SocketClosedException("this " + type + " socket is closed");
        }
    }

    private void enter() {
        ownership.enter();
    }

    private void exit() {
        ownership.exit();
    }

    @Override
    public final void close() {
        closeSocket(false);
    }

    @Override
    public final boolean closeAndAwaitDelivery(Duration timeout) {
        long deadline = Timeouts.deadline(Timeouts.toNanos(Objects.requireNonNull(timeout, "timeout")));
        closeSocket(false);
        return lingering.await(deadline, true);
    }

    /** What this socket's closed links still send, and lost; for the context's close. */
    final LingerTracker lingering() {
        return lingering;
    }

    /**
     * Closes the socket; blocked calls end with {@link SocketClosedException}, or with
     * {@link ContextClosedException} when the context closes it.
     *
     * @param byContext true when the context is closing
     */
    final void closeSocket(boolean byContext) {
        if (byContext) {
            closedByContext = true;
        }
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        events.wakeAll();
        long linger = options.lingerNanos();
        context.lingerStarted(lingering);
        endpoints.releaseBindings(linger);
        for (PeerLink link : links) {
            terminateLingering(link, linger);
        }
        LinkEvent event;
        while ((event = events.poll()) != null) {
            if (event.kind() == LinkEvent.Kind.ATTACHED) {
                terminateLingering(event.link(), linger);
            }
        }
        monitor.socketClosed(linger, lingering::isLingering);   // after the links are tracked
        lingering.socketClosed(linger, () -> context.lingerEnded(lingering));
        context.socketClosed(this);
    }

    @Override
    public String toString() {
        return type + " socket" + (closed.get() ? " (closed)" : "");
    }
}
