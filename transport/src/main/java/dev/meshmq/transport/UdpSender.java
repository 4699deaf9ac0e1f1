package dev.meshmq.transport;

import dev.meshmq.Message;
import dev.meshmq.SocketType;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.util.Optional;

/**
 * The sending end of a {@code udp://} endpoint a RADIO connected: one unconnected datagram channel on an
 * I/O thread and one {@link PeerLink} for the socket, which puts every message in it (the link counts as
 * joined to every group). Each message becomes one datagram (group length, group, body; see
 * {@link GroupWire#encodeDatagram}) sent to the endpoint's address. A message whose datagram would be
 * longer than {@link GroupWire#MAX_DATAGRAM} (what a libzmq receiver reads) never gets here: the RADIO drops
 * it for its udp peers and counts it in its publisher statistics; the check here only guards the buffer. When
 * the kernel's send buffer is full the sender waits for the channel to be writable; the pipe's high-water
 * mark then makes the RADIO drop, as for any full peer. There is no connection: nothing is retried, and
 * an error of the network (an unreachable port) loses that datagram only.
 *
 * <p>States: {@link State#SENDING}, {@link State#BLOCKED} while a datagram waits for the kernel,
 * {@link State#CLOSED}.
 *
 * <p>Thread-safety: owned by its I/O thread; {@link #terminate} from any thread.
 */
final class UdpSender implements IoHandler, LinkControl {

    /** Where the sender is. */
    enum State { SENDING, BLOCKED, CLOSED }

    private static final System.Logger LOG = SafeLogger.of(UdpSender.class);
    /** Datagrams sent per turn before other handlers get theirs. */
    private static final int BATCH = 256;

    private final IoThread io;
    private final DatagramChannel channel;
    private final InetSocketAddress target;
    private final String endpoint;
    private final ActivityCounter activity;
    private final PeerLink link;
    private final ByteBuffer datagram = ByteBuffer.allocateDirect(GroupWire.MAX_DATAGRAM);
    private final Runnable sendTask = guarded(this::sendQueued);
    private State state = State.SENDING;
    private SelectionKey key;
    private Timer lingerTimer;
    private boolean terminating;

    UdpSender(IoThread io, DatagramChannel channel, InetSocketAddress target, String endpoint, LinkHost host,
            ActivityCounter activity) {
        this.io = io;
        this.channel = channel;
        this.target = target;
        this.endpoint = endpoint;
        this.activity = activity;
        TransportOptions options = host.transportOptions();
        this.link = new PeerLink(options.newInboundPipe(), options.newOutboundPipe(), endpoint, this,
                new PeerInfo(Optional.of(SocketType.DISH), new byte[0], target.toString(), 0));
        activity.started();
    }

    PeerLink link() {
        return link;
    }

    void start() {
        link.outbound().registerReader(() -> io.execute(sendTask));
        io.execute(guarded(() -> {
            try {
                key = io.register(channel, 0, this);
            } catch (ClosedChannelException e) {
                finish();
                return;
            }
            sendQueued();
        }));
    }

    @Override
    public void onSelected(SelectionKey selected) {
        if (state == State.BLOCKED && selected.isValid() && selected.isWritable()) {
            state = State.SENDING;
            StreamChannels.setInterest(key, SelectionKey.OP_WRITE, false);
            sendQueued();
        }
    }

    private void sendQueued() {
        if (state == State.BLOCKED && !send()) {
            return;
        }
        for (int i = 0; state == State.SENDING; i++) {
            if (i == BATCH) {
                io.execute(sendTask);
                return;
            }
            Message message = link.outbound().read();
            if (message == null) {
                finishIfTerminating();
                return;
            }
            if (!GroupWire.encodeDatagram(message, datagram)) {
                LOG.log(Level.DEBUG, "{0}: dropped a message too long for one datagram", endpoint);
                continue;
            }
            send();
        }
    }

    /** Sends the encoded datagram; false if the kernel has no room (then it waits for OP_WRITE). */
    private boolean send() {
        try {
            if (channel.send(datagram, target) == 0) {
                state = State.BLOCKED;
                StreamChannels.setInterest(key, SelectionKey.OP_WRITE, true);
                return false;
            }
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "{0}: a datagram was lost: {1}", endpoint, e.toString());
        }
        state = State.SENDING;
        return true;
    }

    @Override
    public void onFailure(Throwable failure) {
        LOG.log(Level.ERROR, "udp sender " + endpoint + " failed; it was closed", failure);
        finish();
    }

    @Override
    public void terminate(long lingerNanos) {
        io.execute(guarded(() -> {
            if (state == State.CLOSED || terminating) {
                return;
            }
            terminating = true;
            if (lingerNanos > 0 && (state == State.BLOCKED || link.outbound().size() > 0)) {
                lingerTimer = io.schedule(lingerNanos, guarded(this::finish));
                sendQueued();
            } else {
                finish();
            }
        }));
    }

    private void finishIfTerminating() {
        if (terminating) {
            finish();
        }
    }

    private void finish() {
        if (state == State.CLOSED) {
            return;
        }
        state = State.CLOSED;
        if (lingerTimer != null) {
            lingerTimer.cancel();
        }
        if (key != null) {
            key.cancel();
        }
        try {
            channel.close();
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "closing " + endpoint + " failed", e);
        }
        link.inbound().closeWriting();
        link.outbound().closeReading();
        link.farEndFinished(true);
        activity.finished();
    }
}
