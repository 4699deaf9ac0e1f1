package dev.meshmq.transport;

import dev.meshmq.Frame;
import dev.meshmq.Message;
import dev.meshmq.MonitorEventType;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.Optional;

/**
 * One raw connection of a STREAM socket: no ZMTP, no greeting, no framing. Each read from the
 * channel becomes a one-frame message in the link's inbound pipe; each message from the outbound
 * pipe is written as the bytes of its frames, one after the other. When the connection is up an
 * empty message goes to the socket, and another when it ends (libzmq's STREAM notifications); the
 * socket puts the peer's routing id in front of each.
 *
 * <p>States: running, then terminating (asked to close once what is queued is written, or at the
 * linger's end), then closed. A full inbound pipe stops reading until the socket drains it.
 *
 * <p>Thread-safety: owned by its I/O thread; {@link #terminate} may be called from any thread.
 */
final class RawEngine implements IoHandler, Connection {

    /** The notification of a connect or a disconnect: an empty data frame. */
    static final Message NOTIFICATION = Message.of(Frame.EMPTY);

    private static final System.Logger LOG = SafeLogger.of(RawEngine.class);
    private static final int READ_BYTES = 8192;
    private static final int READS_PER_EVENT = 16;

    private final IoThread io;
    private final SocketChannel channel;
    private final ConnectionOwner owner;
    private final ConnectionEvents events;
    private final String remote;
    private final ByteBuffer readBuffer = ByteBuffer.allocate(READ_BYTES);
    private PeerLink link;
    private SelectionKey key;
    private Message held;
    private ByteBuffer writing;
    private boolean terminating;
    private boolean closed;
    private Timer lingerTimer;

    RawEngine(IoThread io, SocketChannel channel, ConnectionOwner owner, ConnectionEvents events, String remote) {
        this.io = io;
        this.channel = channel;
        this.owner = owner;
        this.events = events;
        this.remote = remote;
    }

    /**
     * Starts moving bytes: takes its link from the owner at once (there is no handshake), registers
     * for reading, tells the socket the peer is there, and sends what was queued before. I/O thread
     * only; if the channel cannot be registered the connection closes at once.
     *
     * @param existingKey ignored: the channel is registered again, for reading, with this engine
     */
    @Override
    public void start(SelectionKey existingKey) {
        link = owner.linkFor(this, new PeerInfo(Optional.empty(), new byte[0], remote, 0));
        link.listenToInboundAsWriter(() -> io.execute(guarded(this::onInboundWritable)));
        link.listenToOutboundAsReader(() -> io.execute(guarded(this::flush)));
        try {
            key = io.register(channel, SelectionKey.OP_READ, this);
        } catch (IOException e) {
            close("cannot start: " + e.getMessage());
            return;
        }
        link.inbound().writePastLimit(NOTIFICATION);
        flush();
    }

    @Override
    public void onSelected(SelectionKey selected) {
        if (closed) {
            return;
        }
        if (selected.isValid() && selected.isWritable()) {
            flush();
        }
        if (!closed && selected.isValid() && selected.isReadable()) {
            read();
        }
    }

    private void read() {
        try {
            for (int i = 0; i < READS_PER_EVENT && held == null; i++) {
                readBuffer.clear();
                int count = channel.read(readBuffer);
                if (count < 0) {
                    close("the peer closed the connection");
                    return;
                }
                if (count == 0) {
                    break;
                }
                byte[] data = new byte[count];
                readBuffer.flip().get(data);
                Message message = Message.of(Frame.wrap(data));
                if (!link.inbound().writeHoldingWakeup(message)) {
                    held = message;
                    StreamChannels.setInterest(key, SelectionKey.OP_READ, false);
                }
            }
        } catch (IOException e) {
            close(e.toString());
        } finally {
            link.inbound().releaseWakeup();
        }
    }

    /** The socket drained the inbound pipe: deliver what was held and read on. */
    private void onInboundWritable() {
        if (closed || held == null) {
            return;
        }
        if (link.inbound().write(held)) {
            held = null;
            StreamChannels.setInterest(key, SelectionKey.OP_READ, true);
        }
    }

    /** Writes queued messages until the channel is full or the queue empty. */
    private void flush() {
        if (closed) {
            return;
        }
        try {
            while (true) {
                if (writing == null) {
                    Message next = link.outbound().read();
                    if (next == null) {
                        StreamChannels.setInterest(key, SelectionKey.OP_WRITE, false);
                        if (terminating) {
                            close("closed by the socket");
                        }
                        return;
                    }
                    writing = bytesOf(next);
                }
                channel.write(writing);
                if (writing.hasRemaining()) {
                    StreamChannels.setInterest(key, SelectionKey.OP_WRITE, true);
                    return;
                }
                writing = null;
            }
        } catch (IOException e) {
            close(e.toString());
        }
    }

    private static ByteBuffer bytesOf(Message message) {
        if (message.size() == 1) {
            return ByteBuffer.wrap(message.first().toByteArray());
        }
        ByteBuffer all = ByteBuffer.allocate((int) message.byteCount());
        for (Frame frame : message) {
            all.put(frame.toByteArray());
        }
        return all.flip();
    }

    /**
     * Closes the connection once what is queued is written, or after {@code lingerNanos}. Any thread:
     * the work is posted to the I/O thread.
     *
     * @param lingerNanos the longest time to keep writing; 0 closes at once
     */
    @Override
    public void terminate(long lingerNanos) {
        io.execute(guarded(() -> {
            if (closed || terminating) {
                return;
            }
            terminating = true;
            if (lingerNanos <= 0) {
                close("closed by the socket");
                return;
            }
            lingerTimer = io.schedule(lingerNanos, guarded(() -> close("linger ended")));
            flush();
        }));
    }

    @Override
    public void terminateLater(long lingerNanos) {
        terminate(lingerNanos);
    }

    /** A raw connection has no protocol to break. */
    @Override
    public boolean failedOnProtocol() {
        return false;
    }

    @Override
    public void onFailure(Throwable failure) {
        LOG.log(Level.ERROR, "raw connection " + remote + " failed; it is closed", failure);
        close("internal error: " + failure);
    }

    /**
     * Closes the connection and tells the owner; I/O thread only, idempotent.
     *
     * @param reason why, for the DISCONNECTED event and the log
     */
    @Override
    public void close(String reason) {
        if (closed) {
            return;
        }
        closed = true;
        LOG.log(Level.DEBUG, "raw connection {0} closed: {1}", remote, reason);
        if (lingerTimer != null) {
            lingerTimer.cancel();
        }
        if (key != null) {
            key.cancel();
        }
        if (link != null && !owner.keepsLinks()) {
            // before DISCONNECTED and the disconnect note: a socket that has seen either finds the link gone
            link.outbound().closeReading();
        }
        events.emit(MonitorEventType.DISCONNECTED, channel, remote, new byte[0], 0, reason);
        StreamChannels.closeGracefully(channel, remote);
        if (link != null) {
            if (held != null) {
                link.inbound().writePastLimit(held);
                held = null;
            }
            link.inbound().writePastLimit(NOTIFICATION);
        }
        owner.connectionClosed(this, link);
    }
}
