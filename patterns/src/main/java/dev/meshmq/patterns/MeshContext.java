package dev.meshmq.patterns;

import dev.meshmq.ChannelSocket;
import dev.meshmq.ClientSocket;
import dev.meshmq.Context;
import dev.meshmq.ContextClock;
import dev.meshmq.ContextClosedException;
import dev.meshmq.ContextConfig;
import dev.meshmq.DealerSocket;
import dev.meshmq.DishSocket;
import dev.meshmq.GatherSocket;
import dev.meshmq.MessageSender;
import dev.meshmq.PairSocket;
import dev.meshmq.PeerSocket;
import dev.meshmq.Poller;
import dev.meshmq.Proxy;
import dev.meshmq.PubSocket;
import dev.meshmq.PullSocket;
import dev.meshmq.PushSocket;
import dev.meshmq.RadioSocket;
import dev.meshmq.RepSocket;
import dev.meshmq.ReqSocket;
import dev.meshmq.RouterSocket;
import dev.meshmq.ScatterSocket;
import dev.meshmq.ServerSocket;
import dev.meshmq.Socket;
import dev.meshmq.StreamSocket;
import dev.meshmq.SubSocket;
import dev.meshmq.XPubSocket;
import dev.meshmq.XSubSocket;
import dev.meshmq.patterns.core.LingerTracker;
import dev.meshmq.patterns.core.SocketBase;
import dev.meshmq.patterns.core.SocketHost;
import dev.meshmq.patterns.core.SocketOptionValues;
import dev.meshmq.patterns.core.Timeouts;
import dev.meshmq.patterns.core.Waiter;
import dev.meshmq.patterns.proxy.MeshProxy;
import dev.meshmq.patterns.pubsub.DishSocketImpl;
import dev.meshmq.patterns.pubsub.PubSocketImpl;
import dev.meshmq.patterns.pubsub.RadioSocketImpl;
import dev.meshmq.patterns.pubsub.SubSocketImpl;
import dev.meshmq.patterns.pubsub.XPubSocketImpl;
import dev.meshmq.patterns.pubsub.XSubSocketImpl;
import dev.meshmq.patterns.sockets.ChannelSocketImpl;
import dev.meshmq.patterns.sockets.ClientSocketImpl;
import dev.meshmq.patterns.sockets.DealerSocketImpl;
import dev.meshmq.patterns.sockets.GatherSocketImpl;
import dev.meshmq.patterns.sockets.PairSocketImpl;
import dev.meshmq.patterns.sockets.PeerSocketImpl;
import dev.meshmq.patterns.sockets.PullSocketImpl;
import dev.meshmq.patterns.sockets.PushSocketImpl;
import dev.meshmq.patterns.sockets.RepSocketImpl;
import dev.meshmq.patterns.sockets.ReqSocketImpl;
import dev.meshmq.patterns.sockets.RouterSocketImpl;
import dev.meshmq.patterns.sockets.ScatterSocketImpl;
import dev.meshmq.patterns.sockets.ServerSocketImpl;
import dev.meshmq.patterns.sockets.StreamSocketImpl;
import dev.meshmq.transport.NanoClock;
import dev.meshmq.transport.TransportContext;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The implementation of {@link Context}: its transport (I/O threads, inproc names), its sockets, the
 * lingering links of sockets already closed, and its pollers (woken when it closes).
 *
 * <p>Thread-safety: safe for any thread.
 */
final class MeshContext implements SocketHost {

    /** Time allowed, once no link lingers, for listeners and connections to finish closing. */
    private static final long SHUTDOWN_MARGIN_NANOS = 1_000_000_000L;

    private final TransportContext transport;
    private final long spinNanos;
    /** ContextConfig's close timeout in nanoseconds; Timeouts.FOREVER for none. */
    private final long closeTimeoutNanos;
    private final Set<SocketBase> sockets = ConcurrentHashMap.newKeySet();
    /** The trackers of closed sockets whose links still linger. */
    private final Set<LingerTracker> lingering = ConcurrentHashMap.newKeySet();
    /** Pollers parked in a poll right now, woken when the context closes. */
    private final Set<MeshPoller> pollers = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;
    /** Why the context closed itself: an I/O thread died. Null unless that happened. */
    private volatile ContextClosedException brokenBy;

    MeshContext(ContextConfig config) {
        this.spinNanos = config.spinWait().toNanos();
        this.closeTimeoutNanos = config.closeTimeout().map(SocketOptionValues::saturatedNanos).orElse(Timeouts.FOREVER);
        NanoClock timers = config.clock() == ContextClock.SYSTEM ? NanoClock.SYSTEM : config.clock()::nanoTime;
        this.transport = new TransportContext(config.ioThreads(), timers, spinNanos);
        config.clock().onAdvance(transport::clockMoved);
        transport.onIoThreadDeath(this::ioThreadDied);
    }

    /**
     * An I/O thread died although it catches everything its connections throw (the selector itself
     * failed, say): its connections are gone, so the context closes itself, on a thread of its own,
     * and every blocked and later call ends with a ContextClosedException that names the cause.
     */
    private void ioThreadDied(String thread, Throwable cause) {
        brokenBy = new ContextClosedException("the context closed itself because its I/O thread " + thread
                + " died (" + cause + ")", cause);
        Thread closer = new Thread(this::close, "meshmq-close-after-" + thread);
        closer.setDaemon(true);
        closer.start();
    }

    /**
     * Returns why the context closed itself, if an I/O thread died. Any thread.
     *
     * @return the exception to throw, or null if the context was not broken
     */
    @Override
    public ContextClosedException brokenBy() {
        return brokenBy;
    }

    @Override
    public TransportContext transport() {
        return transport;
    }

    /** Returns a new waiter for a socket or poller, spinning as the context's settings say. */
    @Override
    public Waiter newWaiter() {
        return new Waiter(spinNanos, transport.spinGovernor());
    }

    @Override
    public PairSocket createPair() {
        return register(PairSocketImpl::new);
    }

    @Override
    public PushSocket createPush() {
        return register(PushSocketImpl::new);
    }

    @Override
    public PullSocket createPull() {
        return register(PullSocketImpl::new);
    }

    @Override
    public ReqSocket createReq() {
        return register(ReqSocketImpl::new);
    }

    @Override
    public RepSocket createRep() {
        return register(RepSocketImpl::new);
    }

    @Override
    public DealerSocket createDealer() {
        return register(DealerSocketImpl::new);
    }

    @Override
    public RouterSocket createRouter() {
        return register(RouterSocketImpl::new);
    }

    @Override
    public ClientSocket createClient() {
        return register(ClientSocketImpl::new);
    }

    @Override
    public ServerSocket createServer() {
        return register(ServerSocketImpl::new);
    }

    @Override
    public StreamSocket createStream() {
        return register(StreamSocketImpl::new);
    }

    @Override
    public ScatterSocket createScatter() {
        return register(ScatterSocketImpl::new);
    }

    @Override
    public GatherSocket createGather() {
        return register(GatherSocketImpl::new);
    }

    @Override
    public PeerSocket createPeer() {
        return register(PeerSocketImpl::new);
    }

    @Override
    public ChannelSocket createChannel() {
        return register(ChannelSocketImpl::new);
    }

    @Override
    public RadioSocket createRadio() {
        return register(RadioSocketImpl::new);
    }

    @Override
    public DishSocket createDish() {
        return register(DishSocketImpl::new);
    }

    @Override
    public Poller createPoller() {
        if (closed) {
            throw new ContextClosedException("the context is closed");
        }
        return new MeshPoller(this);
    }

    /** A poller is about to park: it is woken if the context closes meanwhile. */
    void pollerWaiting(MeshPoller poller) {
        pollers.add(poller);
    }

    /** A poller woke up. */
    void pollerAwake(MeshPoller poller) {
        pollers.remove(poller);
    }

    @Override
    public Proxy createProxy(Socket frontend, Socket backend) {
        return new MeshProxy(this, frontend, backend, null);
    }

    @Override
    public <C extends Socket & MessageSender> Proxy createProxy(Socket frontend, Socket backend, C capture) {
        return new MeshProxy(this, frontend, backend, Objects.requireNonNull(capture, "capture"));
    }

    @Override
    public PubSocket createPub() {
        return register(PubSocketImpl::new);
    }

    @Override
    public SubSocket createSub() {
        return register(SubSocketImpl::new);
    }

    @Override
    public XPubSocket createXPub() {
        return register(XPubSocketImpl::new);
    }

    @Override
    public XSubSocket createXSub() {
        return register(XSubSocketImpl::new);
    }

    private <S extends SocketBase> S register(Function<SocketHost, S> factory) {
        if (closed) {
            throw new ContextClosedException("the context is closed");
        }
        S socket = factory.apply(this);
        sockets.add(socket);
        if (closed) {
            socket.closeSocket(true);
            throw new ContextClosedException("the context is closed");
        }
        return socket;
    }

    @Override
    public void socketClosed(SocketBase socket) {
        sockets.remove(socket);
    }

    /** A socket is closing: its tracker is followed until nothing of it lingers. */
    @Override
    public void lingerStarted(LingerTracker tracker) {
        lingering.add(tracker);
    }

    /** Nothing of a closed socket lingers any more. */
    @Override
    public void lingerEnded(LingerTracker tracker) {
        lingering.remove(tracker);
    }

    /**
     * Closes the open sockets, wakes the pollers, then waits for every lingering link, of these sockets
     * and of those closed before, each until its socket's linger has ended (plus a margin for the
     * transport to report), all within the close timeout; gives up on what is left (counting it as
     * discarded), and stops the I/O threads.
     */
    @Override
    public void close() {
        List<SocketBase> open;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            open = List.copyOf(sockets);
        }
        long deadline = Timeouts.deadline(closeTimeoutNanos);
        for (MeshPoller poller : pollers) {
            poller.wakeup();
        }
        Set<LingerTracker> trackers = new LinkedHashSet<>();
        for (SocketBase socket : open) {
            socket.closeSocket(true);
            trackers.add(socket.lingering());
        }
        trackers.addAll(lingering);
        for (LingerTracker tracker : trackers) {
            long until = earlier(tracker.reportDeadlineNanos(), deadline);
            if (!tracker.await(until, false) && tracker.isLingering()) {
                tracker.expire(deadline == until ? "the context's close timeout passed first"
                        : "the connection did not finish within LINGER");
            }
        }
        long left = deadline == Timeouts.FOREVER ? SHUTDOWN_MARGIN_NANOS : deadline - System.nanoTime();
        transport.shutdown(Math.max(0, Math.min(SHUTDOWN_MARGIN_NANOS, left)));
    }

    private static long earlier(long a, long b) {
        if (a == Timeouts.FOREVER) {
            return b;
        }
        if (b == Timeouts.FOREVER) {
            return a;
        }
        return a - b <= 0 ? a : b;
    }

    @Override
    public boolean isClosed() {
        return closed;
    }
}
