package dev.meshmq.transport;

import dev.meshmq.Message;
import dev.meshmq.MonitorEventType;
import dev.meshmq.SocketType;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The receiving end of a {@code udp://} endpoint a DISH bound: one datagram channel on an I/O thread and
 * one {@link PeerLink} for the socket. Each datagram becomes one two-frame message (group, body; see
 * {@link GroupWire#decodeDatagram}); a malformed one (empty, shorter than its group length, no valid group)
 * goes to the DISH as one frame, which the DISH discards and counts. While the link's inbound pipe
 * is full the receiver stops reading, so the kernel's receive buffer takes the burst (and drops past it),
 * as libzmq's udp engine does. What the DISH writes towards this link (its joins) is read and discarded:
 * udp has no way back, the DISH filters.
 *
 * <p>States: {@link State#RECEIVING}, {@link State#PAUSED} while a message waits for room in the pipe,
 * {@link State#CLOSED}.
 *
 * <p>Thread-safety: owned by its I/O thread; {@link #terminate} and {@link #close} from any thread.
 */
final class UdpReceiver implements IoHandler, LinkControl {

    /** Where the receiver is. */
    enum State { RECEIVING, PAUSED, CLOSED }

    private static final System.Logger LOG = SafeLogger.of(UdpReceiver.class);
    /** Datagrams read per selection before other handlers get their turn. */
    private static final int BATCH = 256;

    private final IoThread io;
    private final DatagramChannel channel;
    private final String endpoint;
    private final LinkHost host;
    private final ActivityCounter activity;
    private final PeerLink link;
    private final Runnable resumeTask = guarded(this::resume);
    private final Runnable discardTask = guarded(this::discardOutbound);
    private State state = State.RECEIVING;
    private SelectionKey key;
    private Message held;

    UdpReceiver(IoThread io, DatagramChannel channel, String endpoint, LinkHost host, ActivityCounter activity) {
        this.io = io;
        this.channel = channel;
        this.endpoint = endpoint;
        this.host = host;
        this.activity = activity;
        TransportOptions options = host.transportOptions();
        this.link = new PeerLink(options.newInboundPipe(), options.newOutboundPipe(), endpoint, this,
                new PeerInfo(Optional.of(SocketType.RADIO), new byte[0], endpoint, 0));
        activity.started();
    }

    PeerLink link() {
        return link;
    }

    /** Starts receiving and gives the socket its link. */
    void start() {
        link.inbound().registerWriter(() -> io.execute(resumeTask));
        link.outbound().registerReader(() -> io.execute(discardTask));
        io.execute(guarded(() -> {
            try {
                key = io.register(channel, SelectionKey.OP_READ, this);
            } catch (ClosedChannelException e) {
                closeNow();
                return;
            }
            discardOutbound();
        }));
        host.attach(link);
    }

    @Override
    public void onSelected(SelectionKey selected) {
        if (state != State.RECEIVING || !selected.isValid() || !selected.isReadable()) {
            return;
        }
        ByteBuffer buffer = io.buffers().input();
        try {
            for (int i = 0; i < BATCH && state == State.RECEIVING; i++) {
                buffer.clear();
                if (channel.receive(buffer) == null) {
                    break;
                }
                buffer.flip();
                Message message = GroupWire.decodeDatagram(buffer.duplicate());
                if (message == null) {
                    // passed on whole, as one frame: the DISH discards and counts it with the other malformed
                    byte[] raw = new byte[buffer.remaining()];
                    buffer.get(raw);
                    message = Message.wrap(raw);
                }
                if (!link.inbound().writeHoldingWakeup(message)) {
                    pause(message);
                }
            }
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "{0}: receive failed: {1}", endpoint, e.toString());
        } finally {
            link.inbound().releaseWakeup();
        }
    }

    private void pause(Message message) {
        if (link.inbound().isReaderClosed()) {
            return;
        }
        held = message;
        state = State.PAUSED;
        StreamChannels.setInterest(key, SelectionKey.OP_READ, false);
    }

    private void resume() {
        if (state != State.PAUSED) {
            return;
        }
        if (!link.inbound().write(held)) {
            return;
        }
        held = null;
        state = State.RECEIVING;
        StreamChannels.setInterest(key, SelectionKey.OP_READ, true);
    }

    /** The DISH's joins: nowhere to send them over udp. */
    private void discardOutbound() {
        while (link.outbound().read() != null) {
            continue;
        }
    }

    @Override
    public void onFailure(Throwable failure) {
        LOG.log(Level.ERROR, "udp receiver " + endpoint + " failed; it was closed", failure);
        closeNow();
    }

    @Override
    public void terminate(long lingerNanos) {
        io.execute(guarded(this::closeNow));
    }

    /** Stops receiving and releases the port, waiting for the I/O thread unless called on it. */
    void close() {
        CountDownLatch released = new CountDownLatch(1);
        io.execute(() -> {
            try {
                closeNow();
            } finally {
                released.countDown();
            }
        });
        if (!io.isCurrentThread()) {
            try {
                released.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void closeNow() {
        if (state == State.CLOSED) {
            return;
        }
        state = State.CLOSED;
        held = null;
        if (key != null) {
            key.cancel();
            io.flushCancelledKeys();
        }
        try {
            channel.close();
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "closing " + endpoint + " failed", e);
        }
        new ConnectionEvents(host, endpoint).emit(MonitorEventType.CLOSED, 0, "");
        link.inbound().closeWriting();
        link.outbound().closeReading();
        link.farEndFinished(true);
        host.detach(link);
        activity.finished();
    }
}
