package dev.meshmq.patterns.core;

import dev.meshmq.ContextClosedException;
import dev.meshmq.Message;
import dev.meshmq.Monitor;
import dev.meshmq.MonitorEvent;
import dev.meshmq.Socket;
import dev.meshmq.SocketClosedException;
import dev.meshmq.SocketOption;
import dev.meshmq.SocketStatistics;
import dev.meshmq.SocketType;
import dev.meshmq.patterns.monitor.MonitorSlot;
import dev.meshmq.transport.PeerLink;
import dev.meshmq.transport.TransportOptions;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * What every socket pattern shares, as a thin facade over parts with one job each: the endpoints
 * ({@link SocketEndpoints}), the options ({@link SocketOptionValues}), the links and the events about
 * them ({@link LinkEvents}), the way in and the waiting ({@link CallGate}), the monitor
 * ({@link MonitorSlot}) and the linger after close ({@link LingerTracker}). A pattern supplies how it
 * admits links and how one attempt to send or receive works; the gate repeats the attempt, waiting
 * between tries for an event on one of the links.
 *
 * <p>Thread-safety: the classic socket contract. One thread at a time may send, receive, bind,
 * connect or set options; a second thread entering while one is inside gets an
 * {@link IllegalStateException} instead of corrupting state. The thread-safe types (CLIENT, SERVER)
 * take a lock instead, held while inside and released while waiting, so several threads may send
 * and receive at once ({@link SocketOwnership}). {@link #close()} and
 * {@link #closeAndAwaitDelivery(Duration)} are safe from any thread. Link events arrive from I/O
 * threads through a concurrent queue and are handled by the caller thread.
 */
public abstract class SocketBase implements Socket {

    private final SocketHost context;
    private final SocketType type;
    private final SocketOptionValues options;
    private final LinkEvents events;
    private final CallGate gate;
    private final SocketEndpoints endpoints;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final SocketCounters counters;
    private volatile boolean closedByContext;
    private final MonitorSlot monitor;
    /** The links this socket closed that still send what was queued, and how many messages they lost. */
    private final LingerTracker lingering;
    /** Pending sendAsync and receiveAsync operations, attempted by the shared {@link AsyncLoop}. */
    private final AsyncSocketQueue async;

    /** Creates a socket of {@code type} in the context {@code context}; called by the context only. */
    protected SocketBase(SocketHost context, SocketType type) {
        this.context = context;
        this.type = type;
        this.counters = new SocketCounters(type.name());
        this.options = new SocketOptionValues(type);
        this.monitor = new MonitorSlot(type.name());
        this.lingering = new LingerTracker(type, counters, monitor);
        this.events = new LinkEvents(this, context.newWaiter(), lingering);
        this.endpoints = new SocketEndpoints(context.transport(), new SocketLinkHost(this, events, counters, monitor));
        this.gate = new CallGate(this, type, events, counters);
        this.async = new AsyncSocketQueue(this, gate, events.inbox(), AsyncLoop.SHARED);
    }

    /**
     * Decides whether a new link joins this socket, and if so puts it in the routing strategies.
     *
     * @param link the new link, its {@link LinkState} already set
     * @return false to refuse it (it is then closed)
     */
    protected abstract boolean admit(PeerLink link);

    /** A link is gone; read what is left on it, stop sending to it. */
    protected abstract void linkDetached(PeerLink link);

    /** A link's inbound pipe may have messages again. */
    protected abstract void linkReadable(PeerLink link);

    /** A link's outbound pipe has room again. */
    protected abstract void linkWritable(PeerLink link);

    /**
     * A link's peer (re)connected: {@link PeerLink#peer()} describes it. Called once per handshake,
     * for connected links after every reconnect and for accepted links when they are admitted.
     */
    protected void peerReady(PeerLink link) {
        // most patterns keep no per-peer state
    }

    /** IMMEDIATE: a connect's link lost (or has not yet) its connection; {@link #linkWritable} brings it back. */
    protected void linkOffline(PeerLink link) {
        // patterns that do not load-balance keep queueing, as before
    }

    /** Whether a newly accepted connection would be refused now (a PAIR with a peer). Any thread; never blocks. */
    protected boolean refusesNewPeers() {
        return false;
    }

    /** A connect() created this link; called before it is admitted. */
    protected void connecting(PeerLink link) {
        // most patterns need nothing here
    }

    /** One attempt to send, without waiting: true if the message was taken. */
    protected abstract boolean attemptSend(Message message);

    /** One attempt to receive, without waiting: the message, or null. */
    protected abstract Message attemptReceive();

    /** Returns the context that created this socket. */
    public final SocketHost context() {
        return context;
    }

    @Override
    public final SocketType type() {
        return type;
    }

    /** The options this socket's connections use now. */
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
            events.handleAttached(link);
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
            lingering.trackAccepted(events.links(), resolved, options.lingerNanos());
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
            events.handle(new LinkEvent(LinkEvent.Kind.DETACHED, link));
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
        LinkLimits.optionSet(option, events.links(), options.transportOptions());
        optionsChanged();
    }

    /**
     * An option changed: a pattern that reads options on every message keeps them in fields and
     * refreshes them here, so the hot path makes no map look-up. Any thread (set may be called from
     * any thread); implementations write volatile fields only.
     */
    protected void optionsChanged() {
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
        return counters.snapshot(events.links());
    }

    /** This socket's counters, for the pattern to count drops. */
    protected final SocketCounters counters() {
        return counters;
    }

    @Override
    public final boolean isClosed() {
        return closed.get();
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

    /**
     * Whether a send can go through without waiting. Called by a poller on the owner thread; a
     * pattern that answers false arms the wake-ups that will tell when it becomes true.
     */
    protected boolean canSendNow() {
        return false;
    }

    /** Registers (or with null removes) the waiter of the poller this socket is registered with. */
    public final void setPollWaiter(Waiter poller) {
        events.inbox().setPollWaiter(poller);
    }

    /** True if an event waits to be handled or the socket closed: a poller should look again. */
    public final boolean hasNews() {
        return !events.inbox().isEmpty() || closed.get();
    }

    /** A poller's check: can a message be received without waiting? Owner thread. */
    public final boolean pollReceivable() {
        return gate.pollReceivable();
    }

    /** A poller's check: can a message be sent without waiting? Owner thread. */
    public final boolean pollSendable() {
        return gate.pollSendable();
    }

    /**
     * The async send of {@link dev.meshmq.MessageSender#sendAsync}, for the types that send.
     *
     * @param message the message
     * @return completes once the pattern took the message
     */
    public CompletionStage<Void> sendAsync(Message message) {
        Objects.requireNonNull(message, "message");
        return async.addSend(message);
    }

    /**
     * The async receive of {@link dev.meshmq.MessageReceiver#receiveAsync}, for the types that receive.
     *
     * @return completes with the next message
     */
    public CompletionStage<Message> receiveAsync() {
        return async.addReceive();
    }

    /**
     * Sends, retrying until the pattern takes the message or the timeout passes.
     *
     * @param message the message
     * @param timeout zero for one attempt, null for no limit
     * @return true if sent
     */
    protected final boolean sendWithin(Message message, Duration timeout) {
        return gate.sendWithin(message, timeout);
    }

    /**
     * Receives, retrying until a message comes or the timeout passes.
     *
     * @param timeout zero for one attempt, null for no limit
     * @return the message, or null
     */
    protected final Message receiveWithin(Duration timeout) {
        return gate.receiveWithin(timeout);
    }

    /** Handles link events until {@code condition} holds (true) or the timeout passes (false; zero: one check). */
    protected final boolean awaitCondition(BooleanSupplier condition, Duration timeout) {
        return gate.awaitCondition(condition, timeout);
    }

    /** Runs {@code action} as the socket's one user, after handling pending link events. */
    protected final void runAsOwner(Runnable action) {
        gate.runAsOwner(action);
    }

    /** Tells the pattern about the link's current peer, once per handshake. */
    protected final void announceReady(PeerLink link) {
        events.announceReady(link);
    }

    /** The linger of this socket's links, in nanoseconds. */
    protected final long lingerNanos() {
        return options.lingerNanos();
    }

    /** Throws {@link SocketClosedException}, or {@link ContextClosedException}, if the socket is closed. */
    protected final void checkOpen() {
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
        gate.enter();
    }

    private void exit() {
        gate.exit();
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
    public final LingerTracker lingering() {
        return lingering;
    }

    /**
     * Closes the socket; blocked calls end with {@link SocketClosedException}, or with
     * {@link ContextClosedException} when the context closes it.
     *
     * @param byContext true when the context is closing
     */
    public final void closeSocket(boolean byContext) {
        if (byContext) {
            closedByContext = true;
        }
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        events.inbox().wakeAll();
        long linger = options.lingerNanos();
        context.lingerStarted(lingering);
        endpoints.releaseBindings(linger);
        events.terminateAll(linger);
        monitor.socketClosed(linger, lingering::isLingering);   // after the links are tracked
        lingering.socketClosed(linger, () -> context.lingerEnded(lingering));
        context.socketClosed(this);
    }

    @Override
    public String toString() {
        return type + " socket" + (closed.get() ? " (closed)" : "");
    }
}
