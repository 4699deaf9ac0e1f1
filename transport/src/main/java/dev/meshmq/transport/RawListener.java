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
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A bound endpoint of a STREAM socket: each accepted connection gets a fresh {@link PeerLink}, with
 * no handshake, served by a {@link RawEngine}, and is attached to the socket at once (the socket
 * gives it a routing id). When the connection ends the link is detached.
 *
 * <p>Thread-safety: owned by its I/O thread; {@link #close} may be called from any thread.
 */
final class RawListener implements IoHandler, RawEngine.Owner {

    private static final System.Logger LOG = SafeLogger.of(RawListener.class);
    private static final int ACCEPTS_PER_EVENT = 64;
    private static final long RELEASE_TIMEOUT_SECONDS = 5;

    private final IoThread io;
    private final ServerSocketChannel channel;
    private final String endpoint;
    private final Path ipcPath;
    private final LinkHost host;
    private final ActivityCounter activity;
    private final ConnectionEvents events;
    private final Set<RawEngine> engines = new HashSet<>();
    private SelectionKey key;
    private boolean closed;

    RawListener(IoThread io, ServerSocketChannel channel, String endpoint, Path ipcPath, LinkHost host,
            ActivityCounter activity) {
        this.io = io;
        this.channel = channel;
        this.endpoint = endpoint;
        this.ipcPath = ipcPath;
        this.host = host;
        this.activity = activity;
        this.events = new ConnectionEvents(host, endpoint);
        activity.started();
    }

    void start() {
        io.execute(guarded(() -> {
            if (closed) {
                return;
            }
            try {
                key = io.register(channel, SelectionKey.OP_ACCEPT, this);
            } catch (IOException e) {
                LOG.log(Level.ERROR, "cannot listen on " + endpoint, e);
                closeNow();
            }
        }));
    }

    @Override
    public void onSelected(SelectionKey selected) {
        for (int i = 0; i < ACCEPTS_PER_EVENT && !closed; i++) {
            SocketChannel accepted;
            try {
                accepted = channel.accept();
            } catch (IOException e) {
                events.emit(MonitorEventType.ACCEPT_FAILED, 0, e.toString());
                LOG.log(Level.WARNING, "accept on {0} failed: {1}", endpoint, e.toString());
                return;
            }
            if (accepted == null) {
                return;
            }
            startEngine(accepted);
        }
    }

    private void startEngine(SocketChannel accepted) {
        TransportOptions options = host.transportOptions();
        String remote = endpoint;
        RawEngine engine = null;
        try {
            accepted.configureBlocking(false);
            StreamChannels.configure(accepted, ipcPath == null, options.connection());
            if (ipcPath == null) {
                remote = String.valueOf(accepted.getRemoteAddress());
            }
            events.emit(MonitorEventType.ACCEPTED, accepted, remote, new byte[0], ConnectionNumbers.next(), "");
            PeerInfo peer = new PeerInfo(java.util.Optional.empty(), new byte[0], remote, 0);
            RawEngine[] serving = new RawEngine[1];
            PeerLink link = new PeerLink(options.newInboundPipe(), options.newOutboundPipe(), endpoint,
                    lingerNanos -> serving[0].terminate(lingerNanos), peer);
            link.setPeer(peer);
            engine = new RawEngine(io, accepted, link, this, events, remote);
            serving[0] = engine;
            engines.add(engine);
            engine.start();
            host.attach(link);
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "setting up an accepted connection failed: {0}", e.toString());
            if (engine != null) {
                engine.close(e.toString());
            } else {
                closeQuietly(accepted);
            }
        }
    }

    @Override
    public void rawEngineClosed(RawEngine engine) {
        engines.remove(engine);
        PeerLink link = engine.link();
        link.inbound().closeWriting();
        link.outbound().closeReading();
        link.farEndFinished(true);
        host.detach(link);
        if (closed && engines.isEmpty()) {
            activity.finished();
        }
    }

    @Override
    public void onFailure(Throwable failure) {
        LOG.log(Level.ERROR, "raw listener " + endpoint + " failed; it goes on accepting", failure);
    }

    /**
     * Stops accepting and closes the connections accepted here, each after at most {@code lingerNanos}
     * of writing what is queued. Any thread; returns once the address is released.
     *
     * @param lingerNanos the longest time to keep writing
     */
    void close(long lingerNanos) {
        CountDownLatch released = new CountDownLatch(1);
        io.execute(() -> {
            try {
                if (!closed) {
                    closeNow();
                    for (RawEngine engine : Set.copyOf(engines)) {
                        engine.terminate(lingerNanos);
                    }
                }
            } finally {
                released.countDown();
            }
        });
        if (!io.isCurrentThread()) {
            try {
                if (!released.await(RELEASE_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    LOG.log(Level.WARNING, "releasing {0} took more than {1} s", endpoint, RELEASE_TIMEOUT_SECONDS);
                }
            } catch (InterruptedException e) {
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
