package dev.meshmq.transport;

import dev.meshmq.MonitorEventType;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A bound tcp or ipc endpoint: accepts connections and gives each an engine, a ZMTP one or, for
 * STREAM, a raw one (see {@link EngineFactory#forSocket}); when the handshake succeeds (at once for a
 * raw connection), a fresh {@link PeerLink} is attached to the socket, and when the connection ends
 * the link is detached and what was queued towards that peer is dropped.
 *
 * <p>Accepting is cheap: an accepted connection gets no buffer of its own (see {@link IoBuffers}), and
 * up to {@value #ACCEPTS_PER_EVENT} connections are taken per wake-up, so the listen queue drains at
 * the kernel's pace. At most MAX_HANDSHAKES accepted connections may be in their handshake at once;
 * one more closes the one that has waited longest, so connections that never finish their handshake
 * cost bounded memory and cannot crowd out a good peer.
 *
 * <p>Thread-safety: owned by its I/O thread; {@link #close} may be called from any thread.
 */
final class StreamListener implements IoHandler, ConnectionOwner {

    private static final System.Logger LOG = SafeLogger.of(StreamListener.class);
    private static final int ACCEPTS_PER_EVENT = 256;
    private static final long ACCEPT_PAUSE_MILLIS = 100;
    private static final long RELEASE_TIMEOUT_SECONDS = 5;
    private static final long RELEASE_POLL_MILLIS = 100;

    private final IoThread io;
    private final ServerSocketChannel channel;
    private final String endpoint;
    private final boolean tcp;
    private final Path ipcPath;
    private final LinkHost host;
    private final TransportOptions options;
    private final EngineFactory factory;
    private final ActivityCounter activity;
    private final Set<Connection> engines = new HashSet<>();
    private final Set<Connection> handshaking = new LinkedHashSet<>();
    private final ConnectionEvents events;
    private SelectionKey key;
    private boolean closed;

    StreamListener(IoThread io, ServerSocketChannel channel, String endpoint, Path ipcPath, LinkHost host,
            TransportOptions options, ActivityCounter activity) {
        this.io = io;
        this.channel = channel;
        this.endpoint = endpoint;
        this.tcp = ipcPath == null;
        this.ipcPath = ipcPath;
        this.host = host;
        this.options = options;
        this.factory = EngineFactory.forSocket(options);
        this.activity = activity;
        this.events = new ConnectionEvents(host, endpoint);
        activity.started();
    }

    String endpoint() {
        return endpoint;
    }

    void start() {
        io.execute(() -> {
            if (closed) {
                return;
            }
            try {
                key = io.register(channel, SelectionKey.OP_ACCEPT, this);
            } catch (IOException e) {
                LOG.log(Level.ERROR, "cannot listen on " + endpoint, e);
                closeNow();
            }
        });
    }

    @Override
    public void onSelected(SelectionKey selected) {
        for (int i = 0; i < ACCEPTS_PER_EVENT && !closed; i++) {
            SocketChannel accepted;
            try {
                accepted = channel.accept();
            } catch (IOException e) {
                acceptFailed(e);
                return;
            }
            if (accepted == null) {
                return;
            }
            startEngine(accepted);
        }
    }

    /**
     * Accepting failed (out of file descriptors, say): the pending connection stays in the kernel's queue
     * and the selector would report it again at once, so accepting pauses for
     * {@value #ACCEPT_PAUSE_MILLIS} ms instead of spinning, with one WARNING and one ACCEPT_FAILED event
     * per pause.
     */
    private void acceptFailed(IOException failure) {
        StreamChannels.setInterest(key, SelectionKey.OP_ACCEPT, false);
        io.schedule(ACCEPT_PAUSE_MILLIS * 1_000_000L, guarded(() -> {
            if (!closed) {
                StreamChannels.setInterest(key, SelectionKey.OP_ACCEPT, true);
            }
        }));
        events.emit(MonitorEventType.ACCEPT_FAILED, 0, failure.toString());
        LOG.log(Level.WARNING, "accept on {0} failed: {1}; accepting again in {2} ms",
                endpoint, failure.toString(), ACCEPT_PAUSE_MILLIS);
    }

    private void startEngine(SocketChannel accepted) {
        String remote;
        try {
            accepted.configureBlocking(false);
            StreamChannels.configure(accepted, tcp, options.connection());
            remote = tcp ? String.valueOf(accepted.getRemoteAddress()) : endpoint;
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "setting up an accepted connection failed: {0}", e.toString());
            closeQuietly(accepted);
            return;
        }
        events.emit(MonitorEventType.ACCEPTED, accepted, remote, new byte[0], ConnectionNumbers.next(), "");
        if (host.refusesNewPeers()) {
            events.emit(MonitorEventType.DISCONNECTED, accepted, remote, new byte[0], 0,
                    "refused before its handshake: the socket takes one peer and has one");
            closeQuietly(accepted);
            return;
        }
        Connection engine = factory.create(io, accepted, options, this, remote, events, false);
        if (handshaking.size() >= options.maxHandshakes()) {
            evictOldestHandshake();
        }
        engines.add(engine);
        handshaking.add(engine);
        engine.start(null);
    }

    /** Closes the connection that has been in its handshake longest, to make room for a new one. */
    private void evictOldestHandshake() {
        Iterator<Connection> oldest = handshaking.iterator();
        Connection evicted = oldest.next();
        oldest.remove();
        host.handshakeEvicted();
        evicted.close("closed to make room: more than " + options.maxHandshakes()
                + " connections were in their handshake on " + endpoint);
    }

    @Override
    public void onFailure(Throwable failure) {
        LOG.log(Level.ERROR, "listener " + endpoint + " failed; it goes on accepting", failure);
    }

    @Override
    public PeerLink linkFor(Connection engine, PeerInfo peer) {
        handshaking.remove(engine);
        TransportOptions now = host.transportOptions();
        PeerLink link = new PeerLink(now.newInboundPipe(), now.newOutboundPipe(), endpoint,
                engine::terminateLater, peer);
        link.setPeer(peer);
        now.connection().connectionStarted(link);
        host.attach(link);
        return link;
    }

    @Override
    public boolean hasQueuedOutput() {
        return false;
    }

    @Override
    public void connectionClosed(Connection engine, PeerLink link) {
        engines.remove(engine);
        handshaking.remove(engine);
        if (link != null) {
            host.transportOptions().connection().connectionEnded(link, false);
            link.inbound().closeWriting();
            link.outbound().closeReading();
            link.farEndFinished(true);
            host.detach(link);
        }
        if (closed && engines.isEmpty()) {
            activity.finished();
        }
    }

    /**
     * Stops accepting and closes the connections accepted here, letting each send what is queued
     * for at most {@code lingerNanos}. Any thread; returns once the address is released (the port
     * closed, the socket file removed), so it can be bound again at once.
     *
     * @param lingerNanos the longest time to keep sending
     */
    void close(long lingerNanos) {
        CountDownLatch released = new CountDownLatch(1);
        io.execute(() -> {
            try {
                if (!closed) {
                    closeNow();
                    for (Connection engine : Set.copyOf(engines)) {
                        engine.terminate(lingerNanos);
                    }
                }
            } finally {
                released.countDown();
            }
        });
        if (!io.isCurrentThread()) {
            awaitRelease(released);
        }
    }

    /** Waits until the address is free again, so that the caller can bind it at once. */
    private void awaitRelease(CountDownLatch released) {
        boolean interrupted = false;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(RELEASE_TIMEOUT_SECONDS);
        try {
            while (true) {
                try {
                    if (released.await(RELEASE_POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                        return;
                    }
                    if (io.failure() != null) {
                        return; // a dead I/O thread releases nothing; its channels are closed already
                    }
                    if (System.nanoTime() - deadline >= 0) {
                        LOG.log(Level.WARNING, "releasing {0} took more than {1} s", endpoint, RELEASE_TIMEOUT_SECONDS);
                        return;
                    }
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void closeNow() {
        closed = true;
        events.emit(MonitorEventType.CLOSED, channel, "", new byte[0], 0, "");
        if (key != null) {
            key.cancel();
            io.flushCancelledKeys();
        }
        closeQuietly(channel);
        if (ipcPath != null) {
            try {
                Files.deleteIfExists(ipcPath);
            } catch (IOException e) {
                LOG.log(Level.WARNING, "cannot remove socket file {0}: {1}", ipcPath, e.toString());
            }
        }
        if (engines.isEmpty()) {
            activity.finished();
        }
    }

    private static void closeQuietly(java.nio.channels.Channel toClose) {
        try {
            toClose.close();
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "close failed: {0}", e.toString());
        }
    }
}
