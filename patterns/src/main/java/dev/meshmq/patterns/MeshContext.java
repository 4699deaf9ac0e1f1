package dev.meshmq.patterns;

import dev.meshmq.ClientSocket;
import dev.meshmq.Context;
import dev.meshmq.ContextClosedException;
import dev.meshmq.ContextConfig;
import dev.meshmq.DealerSocket;
import dev.meshmq.MessageSender;
import dev.meshmq.PairSocket;
import dev.meshmq.Poller;
import dev.meshmq.Proxy;
import dev.meshmq.PubSocket;
import dev.meshmq.PullSocket;
import dev.meshmq.PushSocket;
import dev.meshmq.RepSocket;
import dev.meshmq.ReqSocket;
import dev.meshmq.RouterSocket;
import dev.meshmq.ServerSocket;
import dev.meshmq.Socket;
import dev.meshmq.SubSocket;
import dev.meshmq.XPubSocket;
import dev.meshmq.XSubSocket;
import dev.meshmq.transport.NanoClock;
import dev.meshmq.transport.TransportContext;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The implementation of {@link Context}: its transport (I/O threads, inproc names) and its sockets.
 *
 * <p>Thread-safety: safe for any thread.
 */
final class MeshContext implements Context {

    /** Extra time allowed beyond the longest linger for connections to finish closing. */
    private static final long SHUTDOWN_MARGIN_NANOS = 1_000_000_000L;

    private final TransportContext transport;
    private final long spinNanos;
    private final Set<SocketBase> sockets = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    MeshContext(ContextConfig config) {
        this.spinNanos = config.spinWait().toNanos();
        this.transport = new TransportContext(config.ioThreads(), NanoClock.SYSTEM, spinNanos);
    }

    TransportContext transport() {
        return transport;
    }

    /** Returns a new waiter for a socket or poller, spinning as the context's settings say. */
    Waiter newWaiter() {
        return new Waiter(spinNanos);
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
    public Poller createPoller() {
        if (closed) {
            throw new ContextClosedException("the context is closed");
        }
        return new MeshPoller(this);
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

    private <S extends SocketBase> S register(Function<MeshContext, S> factory) {
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

    void socketClosed(SocketBase socket) {
        sockets.remove(socket);
    }

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
        long longestLinger = 0;
        for (SocketBase socket : open) {
            longestLinger = Math.max(longestLinger, socket.transportOptions().lingerNanos());
            socket.closeSocket(true);
        }
        long timeout = longestLinger > Long.MAX_VALUE - SHUTDOWN_MARGIN_NANOS
                ? Long.MAX_VALUE : longestLinger + SHUTDOWN_MARGIN_NANOS;
        transport.shutdown(timeout);
    }

    @Override
    public boolean isClosed() {
        return closed;
    }
}
