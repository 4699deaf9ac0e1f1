package dev.meshmq.transport;

import dev.meshmq.MonitorEventType;
import java.io.IOException;
import java.net.ConnectException;
import java.lang.System.Logger.Level;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * The connecting side of one tcp or ipc endpoint: keeps one {@link PeerLink} for the socket from
 * the moment {@code connect()} is called, and (re)establishes a connection behind it, a ZMTP one or,
 * for STREAM, a raw one (see {@link EngineFactory#forSocket}). It waits RECONNECT_INTERVAL between
 * attempts, doubling up to RECONNECT_INTERVAL_MAX. Messages queued on
 * the link while no connection exists are sent once one is up. A negative RECONNECT_INTERVAL (libzmq's
 * -1) makes one attempt only: when it fails or its connection ends, the endpoint is given up. After a
 * protocol error (the peer's socket type does not fit, its mechanism differs, it sent ERROR, a
 * malformed or oversized frame) the endpoint is not tried again, as libzmq does and RFC 37 asks after
 * ERROR: retrying would only repeat the failure against the peer.
 *
 * <p>A tcp host name is resolved again at every attempt, on a {@link NameResolver} thread; a name that
 * does not resolve fails the attempt like a refused connect (a CONNECT_RETRIED event whose detail
 * says why, then the next attempt after the interval), as libzmq does.
 *
 * <p>States: {@link State#WAITING} for the next attempt, {@link State#RESOLVING} while a host name is
 * looked up, {@link State#CONNECTING} while the channel
 * connects, {@link State#CONNECTED} while an engine runs, {@link State#FINISHED} at the end.
 *
 * <p>Thread-safety: owned by its I/O thread; {@link #terminate} may be called from any thread.
 */
final class StreamConnector implements IoHandler, ConnectionOwner, LinkControl {

    /** Where the connector is in its cycle. */
    enum State { WAITING, RESOLVING, CONNECTING, CONNECTED, FINISHED }

    private static final System.Logger LOG = SafeLogger.of(StreamConnector.class);

    private final IoThread io;
    private final String endpoint;
    private final Supplier<SocketAddress> resolver;
    private final boolean tcp;
    private final boolean lookup;
    private final LinkHost host;
    private final EngineFactory engines;
    private final TransportOptions options;
    private final ActivityCounter activity;
    private final PeerLink link;

    private State state = State.WAITING;
    private SocketChannel channel;
    private Connection engine;
    private Timer retryTimer;
    private Timer lingerTimer;
    private Timer connectTimer;
    private SelectionKey connectKey;
    private final ConnectionEvents events;
    private long nextIntervalNanos;
    private boolean terminating;
    private long lingerDeadlineNanos;

    StreamConnector(IoThread io, String endpoint, Supplier<SocketAddress> resolver, boolean tcp, boolean lookup,
            LinkHost host, ActivityCounter activity) {
        this.io = io;
        this.endpoint = endpoint;
        this.resolver = resolver;
        this.tcp = tcp;
        this.lookup = lookup;
        this.host = host;
        this.events = new ConnectionEvents(host, endpoint);
        this.options = host.transportOptions();
        this.engines = EngineFactory.forSocket(options);
        this.activity = activity;
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
        SocketAddress address;
        try {
            address = resolver.get();
        } catch (RuntimeException e) {
            connectFailed(e);
            return;
        }
        connectTo(address);
    }

    private void resolved(SocketAddress address, RuntimeException failure) {
        if (state != State.RESOLVING) {
            return; // finished meanwhile
        }
        if (failure != null) {
            connectFailed(failure);
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
                onConnected(null);
            } else {
                connectKey = io.register(channel, SelectionKey.OP_CONNECT, this);
                events.emit(MonitorEventType.CONNECT_DELAYED, 0, "");
                long timeout = options.reconnect().connectTimeoutNanos();
                if (tcp && timeout > 0) {
                    connectTimer = io.schedule(timeout, guarded(this::onConnectTimeout));
                }
            }
        } catch (IOException | RuntimeException e) {
            connectFailed(e);
        }
    }

    private void connectFailed(Exception failure) {
        LOG.log(Level.DEBUG, "connect to {0} failed: {1}", endpoint, failure.toString());
        cancelConnectAttempt();
        if (failure instanceof ConnectException && options.reconnect().stopOnRefused()) {
            giveUp("the peer refused the connection (" + failure.getMessage() + ")");
            return;
        }
        scheduleRetry(failure.getMessage() == null ? failure.toString() : failure.getMessage());
    }

    private void onConnectTimeout() {
        connectTimer = null;
        if (state == State.CONNECTING) {
            connectFailed(new IOException("connect timed out after "
                    + options.reconnect().connectTimeoutNanos() / 1_000_000 + " ms"));
        }
    }

    private void cancelConnectAttempt() {
        if (connectTimer != null) {
            connectTimer.cancel();
            connectTimer = null;
        }
        if (connectKey != null) {
            connectKey.cancel();
            connectKey = null;
        }
        closeChannel();
    }

    /** Stops reconnecting for good: the link is closed and the socket told it is gone. */
    private void giveUp(String reason) {
        LOG.log(Level.DEBUG, "no more reconnects to {0}: {1}", endpoint, reason);
        finish();
        host.detach(link);
    }

    @Override
    public void onSelected(SelectionKey key) {
        if (state != State.CONNECTING || !key.isConnectable()) {
            return;
        }
        try {
            if (channel.finishConnect()) {
                onConnected(key);
            }
        } catch (IOException e) {
            connectFailed(e);
        }
    }


    @Override
    public void onFailure(Throwable failure) {
        LOG.log(Level.ERROR, "connector for " + endpoint + " failed; it starts over", failure);
        if (terminating) {
            finish();
            return;
        }
        if (engine != null) {
            engine.close("internal error: " + failure);
        } else {
            cancelConnectAttempt();
            scheduleRetry("internal error");
        }
    }

    private void onConnected(SelectionKey key) {
        state = State.CONNECTED;
        if (connectTimer != null) {
            connectTimer.cancel();
            connectTimer = null;
        }
        connectKey = null;
        String remote = remoteAddressOf(channel);
        events.emit(MonitorEventType.CONNECTED, channel, remote, new byte[0], ConnectionNumbers.next(), "");
        engine = engines.create(io, channel, options, this, remote, events, true);
        engine.start(key);
    }

    private String remoteAddressOf(SocketChannel connected) {
        try {
            return String.valueOf(connected.getRemoteAddress());
        } catch (IOException e) {
            return endpoint;
        }
    }

    @Override
    public PeerLink linkFor(Connection connected, PeerInfo peer) {
        nextIntervalNanos = options.reconnectIntervalNanos();
        if (link.peer() != null) {
            link.countReconnect();
        }
        link.setPeer(peer);
        options.connection().connectionStarted(link);
        host.peerConnected(link);
        if (terminating) {
            long left = Math.max(1, lingerDeadlineNanos - io.clock().nanoTime());
            connected.terminateLater(left);
        }
        return link;
    }

    @Override
    public boolean keepsLinks() {
        return true;
    }

    @Override
    public boolean hasQueuedOutput() {
        return link.outbound().size() > 0;
    }

    @Override
    public void connectionClosed(Connection closed, PeerLink served) {
        engine = null;
        channel = null;
        if (served != null && !terminating) {
            options.connection().connectionEnded(link, options.reconnects() && !closed.failedOnProtocol()
                    && !options.reconnect().stopAfterDisconnect());
            host.peerDisconnected(link);
        }
        if (!terminating && closed.failedOnProtocol()) {
            LOG.log(Level.WARNING, "{0}: the handshake or the protocol failed; not reconnecting", endpoint);
            giveUp("the peer broke the protocol or refused the handshake; as libzmq does, this endpoint is not"
                    + " tried again");
            return;
        }
        if (!terminating && served == null && options.reconnect().stopOnHandshakeFailure()) {
            giveUp("the handshake failed");
            return;
        }
        if (!terminating && served != null && options.reconnect().stopAfterDisconnect()) {
            giveUp("the connection ended");
            return;
        }
        if (terminating) {
            long left = lingerDeadlineNanos - io.clock().nanoTime();
            if (link.outbound().size() == 0 || left <= 0) {
                finish();
                return;
            }
            if (lingerTimer == null) {
                lingerTimer = io.schedule(left, guarded(this::finish));
            }
        }
        scheduleRetry("");
    }

    private void scheduleRetry(String reason) {
        if (state == State.FINISHED) {
            return;
        }
        if (terminating && (link.outbound().size() == 0 || lingerTimer == null)) {
            finish();
            return;
        }
        if (!options.reconnects()) {
            if (terminating) {
                finish();
            } else {
                giveUp("RECONNECT_INTERVAL is negative: never reconnect");
            }
            return;
        }
        state = State.WAITING;
        long delay = nextIntervalNanos + ThreadLocalRandom.current().nextLong(options.reconnectIntervalNanos());
        long max = options.reconnectIntervalMaxNanos();
        if (max > options.reconnectIntervalNanos()) {
            nextIntervalNanos = Math.min(max, nextIntervalNanos * 2);
        }
        if (!terminating) {
            events.emit(MonitorEventType.CONNECT_RETRIED, delay / 1_000_000, reason);
        }
        retryTimer = io.schedule(delay, guarded(this::attempt));
    }

    @Override
    public void terminate(long lingerNanos) {
        io.execute(guarded(() -> onTerminate(lingerNanos)));
    }

    private void onTerminate(long lingerNanos) {
        if (state == State.FINISHED || terminating) {
            return;
        }
        terminating = true;
        lingerDeadlineNanos = io.clock().nanoTime() + lingerNanos;
        if (engine != null) {
            engine.terminate(lingerNanos);
            return;
        }
        if (lingerNanos > 0 && link.outbound().size() > 0) {
            lingerTimer = io.schedule(lingerNanos, guarded(this::finish));
            return;
        }
        finish();
    }

    private void finish() {
        if (state == State.FINISHED) {
            return;
        }
        state = State.FINISHED;
        if (retryTimer != null) {
            retryTimer.cancel();
        }
        if (connectTimer != null) {
            connectTimer.cancel();
        }
        if (lingerTimer != null) {
            lingerTimer.cancel();
        }
        if (engine != null) {
            Connection running = engine;
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
