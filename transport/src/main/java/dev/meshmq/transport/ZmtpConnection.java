package dev.meshmq.transport;

import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/**
 * A {@link StreamEngine} seen as a {@link Connection}: passes the listener's or connector's calls to the
 * engine and the engine's reports ({@link EngineOwner}) to the listener or connector.
 *
 * <p>Thread-safety: owned by its I/O thread, like its engine; {@link #terminateLater} from any thread.
 */
final class ZmtpConnection implements Connection, EngineOwner {

    private final ConnectionOwner owner;
    private final StreamEngine engine;

    ZmtpConnection(IoThread io, SocketChannel channel, TransportOptions options, ConnectionOwner owner,
            String remote, ConnectionEvents events, boolean connecting) {
        this.owner = owner;
        this.engine = new StreamEngine(io, channel, options, this, remote, events, connecting);
    }

    @Override
    public void start(SelectionKey existingKey) {
        engine.start(existingKey);
    }

    @Override
    public void close(String reason) {
        engine.close(reason);
    }

    @Override
    public void terminate(long lingerNanos) {
        engine.terminate(lingerNanos);
    }

    @Override
    public void terminateLater(long lingerNanos) {
        engine.terminateLater(lingerNanos);
    }

    @Override
    public boolean failedOnProtocol() {
        return engine.failedOnProtocol();
    }

    @Override
    public PeerLink linkFor(StreamEngine handshaken, PeerInfo peer) {
        return owner.linkFor(this, peer);
    }

    @Override
    public void engineClosed(StreamEngine closed, PeerLink link) {
        owner.connectionClosed(this, link);
    }

    @Override
    public boolean hasQueuedOutput() {
        return owner.hasQueuedOutput();
    }

    @Override
    public boolean keepsLinks() {
        return owner.keepsLinks();
    }
}
