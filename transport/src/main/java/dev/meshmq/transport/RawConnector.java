package dev.meshmq.transport;

import dev.meshmq.MonitorEventType;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The connecting side of one endpoint of a STREAM socket: one {@link PeerLink} from
 * {@code connect()} on, whose routing id the socket chose then, and a raw connection behind it,
 * remade after RECONNECT_INTERVAL (doubling up to RECONNECT_INTERVAL_MAX) when an attempt fails or
 * the connection ends. Each connection shows up at the socket as an empty message when it is made
 * and another when it ends. Host names are resolved at each attempt, on a {@link NameResolver} thread.
 *
 * <p>States: waiting for the next attempt, resolving, connecting, connected, finished.
 *
 * <p>Thread-safety: owned by its I/O thread; {@link #terminate} may be called from any thread.
 */
final class RawConnector implements IoHandler, RawEngine.Owner, LinkControl {

    /** Where the connector is in its cycle. */
    enum State { WAITING, RESOLVING, CONNECTING, CONNECTED, FINISHED }

    private static final System.Logger LOG = SafeLogger.of(RawConnector.class);

    private final IoThread io;
    private final String endpoint;
    private final Supplier<SocketAddress> resolver;
    private final boolean tcp;
    private final boolean lookup;
    private final LinkHost host;
    private final TransportOptions options;
    private final ActivityCounter activity;
    private final ConnectionEvents events;
    private final PeerLink link;
    private State state = State.WAITING;
    private SocketChannel channel;
    private RawEngine engine;
    private Timer retryTimer;
    private long nextIntervalNanos;
    private boolean terminating;

    RawConnector(IoThread io, String endpoint, Supplier<SocketAddress> resolver, boolean tcp, boolean lookup,
            LinkHost host, ActivityCounter activity) {
        this.io = io;
        this.endpoint = endpoint;
        this.resolver = resolver;
        this.tcp = tcp;
        this.lookup = lookup;
        this.host = host;
        this.options = host.transportOptions();
        this.activity = activity;
        this.events = new ConnectionEvents(host, endpoint);
        this.nextIntervalNanos = options.reconnectIntervalNanos();
        this.link = new PeerLink(options.newInboundPipe(), options.newOutboundPipe(), endpoint, this, null);
        activity.started();
    }

    PeerLink link() {
        return link;
    }

    void start() {
        io.execute(guarded(this::attempt));
    }

    private void attempt() {
        if (state == State.FINISHED) {
            return;
        }
        retryTimer = null;
        if (lookup) {
            state = State.RESOLVING;
            NameResolver.resolve(resolver, (address, failure) -> io.execute(guarded(() -> resolved(address, failure))));
            return;
        }
        try {
            connectTo(resolver.get());
        } catch (RuntimeException e) {
            failed(e);
        }
    }

    private void resolved(SocketAddress address, RuntimeException failure) {
        if (state != State.RESOLVING) {
            return;
        }
        if (failure != null) {
            failed(failure);
        } else {
            connectTo(address);
        }
    }

    private void connectTo(SocketAddress address) {
        try {
            channel = tcp ? SocketChannel.open() : SocketChannel.open(StandardProtocolFamily.UNIX);
            channel.configureBlocking(false);
            StreamChannels.configure(channel, tcp, options.connection());
            state = State.CONNECTING;
            if (channel.connect(address)) {
                connected();
            } else {
                io.register(channel, SelectionKey.OP_CONNECT, this);
                events.emit(MonitorEventType.CONNECT_DELAYED, 0, "");
            }
        } catch (IOException | RuntimeException e) {
            failed(e);
        }
    }

    @Override
    public void onSelected(SelectionKey key) {
        if (state != State.CONNECTING || !key.isConnectable()) {
            return;
        }
        try {
            if (channel.finishConnect()) {
                connected();
            }
        } catch (IOException e) {
            failed(e);
        }
    }

    private void connected() throws IOException {
        state = State.CONNECTED;
        String remote = tcp ? String.valueOf(channel.getRemoteAddress()) : endpoint;
        events.emit(MonitorEventType.CONNECTED, channel, remote, new byte[0], ConnectionNumbers.next(), "");
        nextIntervalNanos = options.reconnectIntervalNanos();
        if (link.peer() != null) {
            link.countReconnect();
        }
        link.setPeer(new PeerInfo(Optional.empty(), new byte[0], remote, 0));
        engine = new RawEngine(io, channel, link, this, events, remote);
        channel = null;
        engine.start();
        host.peerConnected(link);
    }

    private void failed(Exception failure) {
        LOG.log(Level.DEBUG, "connect to {0} failed: {1}", endpoint, failure.toString());
        closeChannel();
        if (engine != null) {
            engine.close(failure.toString());
            return;
        }
        scheduleRetry(failure.getMessage() == null ? failure.toString() : failure.getMessage());
    }

    @Override
    public void rawEngineClosed(RawEngine closed) {
        engine = null;
        if (terminating) {
            finish();
            return;
        }
        host.peerDisconnected(link);
        scheduleRetry("");
    }

    private void scheduleRetry(String reason) {
        if (state == State.FINISHED) {
            return;
        }
        if (terminating) {
            finish();
            return;
        }
        if (!options.reconnects()) {
            finish();
            host.detach(link);
            return;
        }
        state = State.WAITING;
        long delay = nextIntervalNanos;
        long max = options.reconnectIntervalMaxNanos();
        if (max > options.reconnectIntervalNanos()) {
            nextIntervalNanos = Math.min(max, nextIntervalNanos * 2);
        }
        events.emit(MonitorEventType.CONNECT_RETRIED, delay / 1_000_000, reason);
        retryTimer = io.schedule(delay, guarded(this::attempt));
    }

    @Override
    public void terminate(long lingerNanos) {
        io.execute(guarded(() -> {
            if (state == State.FINISHED || terminating) {
                return;
            }
            terminating = true;
            if (engine != null) {
                engine.terminate(lingerNanos);
            } else {
                finish();
            }
        }));
    }

    @Override
    public void onFailure(Throwable failure) {
        LOG.log(Level.ERROR, "raw connector for " + endpoint + " failed", failure);
        if (terminating) {
            finish();
        } else {
            failed(new IOException("internal error: " + failure));
        }
    }

    private void finish() {
        if (state == State.FINISHED) {
            return;
        }
        state = State.FINISHED;
        if (retryTimer != null) {
            retryTimer.cancel();
        }
        if (engine != null) {
            RawEngine running = engine;
            engine = null;
            running.close("connector finished");
        }
        closeChannel();
        link.inbound().closeWriting();
        link.outbound().closeReading();
        link.farEndFinished(true);
        activity.finished();
    }

    private void closeChannel() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                LOG.log(Level.DEBUG, "closing a channel to " + endpoint + " failed", e);
            }
            channel = null;
        }
    }
}
