package dev.meshmq.patterns.core;

import dev.meshmq.PeerStatistics;
import dev.meshmq.SocketStatistics;
import dev.meshmq.patterns.monitor.DropBursts;
import dev.meshmq.transport.PeerInfo;
import dev.meshmq.transport.PeerLink;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A socket's counters. Written only by the socket's caller thread, with ordered (not fenced)
 * stores, so counting costs about a plain increment; read from any thread as a snapshot.
 *
 * <p>Thread-safety: one writer thread (the socket's caller); any number of readers. Except
 * {@link #discardedAtClose(long)}, which I/O threads call, and which therefore adds atomically.
 */
public final class SocketCounters {

    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong droppedUnroutable = new AtomicLong();
    private final AtomicLong droppedAtHwm = new AtomicLong();
    private final AtomicLong discardedAtClose = new AtomicLong();
    private final AtomicLong discardedAtDisconnect = new AtomicLong();
    private final AtomicLong handshakesEvicted = new AtomicLong();
    private final String socketType;
    /** JFR drop-burst reporters for the drops counted without a peer (ROUTER, REP); caller thread. */
    private final DropBursts unroutableBursts;
    private final DropBursts hwmBursts;

    /**
     * Creates the counters of one socket.
     *
     * @param socketType the socket's type, as JFR events name it
     */
    public SocketCounters(String socketType) {
        this.socketType = socketType;
        this.unroutableBursts = new DropBursts(socketType, "", "unroutable", () -> "");
        this.hwmBursts = new DropBursts(socketType, "", "hwm", () -> "");
    }

    /**
     * Returns the socket's type, as JFR events name it.
     *
     * @return the type's name
     */
    public String socketType() {
        return socketType;
    }
    private final AtomicLong authenticationFailures = new AtomicLong();

    void sent() {
        increment(sent);
    }

    void received() {
        increment(received);
    }

    /** Counts a message dropped because no peer could take it. */
    public void droppedUnroutable() {
        increment(droppedUnroutable);
        unroutableBursts.dropped(1);
    }

    /** Counts a message dropped at the high-water mark. */
    public void droppedAtHwm() {
        increment(droppedAtHwm);
        hwmBursts.dropped(1);
    }

    /** Counts {@code count} messages dropped at the high-water mark; the caller reports them to JFR itself. */
    public void droppedAtHwm(long count) {
        if (count > 0) {
            droppedAtHwm.lazySet(droppedAtHwm.get() + count);
        }
    }

    /** Messages discarded after close; any thread. */
    void handshakeEvicted() {
        increment(handshakesEvicted);
    }

    /** A handshake failed authentication; any thread. */
    void authenticationFailed() {
        authenticationFailures.incrementAndGet();
    }

    void discardedAtClose(long count) {
        discardedAtClose.addAndGet(count);
    }

    /** Messages left in the queue of a link whose connection ended and that does not reconnect. */
    void discardedAtDisconnect(long count) {
        if (count > 0) {
            discardedAtDisconnect.lazySet(discardedAtDisconnect.get() + count);
        }
    }

    private static void increment(AtomicLong counter) {
        counter.lazySet(counter.get() + 1);
    }

    SocketStatistics snapshot(Iterable<PeerLink> links) {
        List<PeerStatistics> peers = new ArrayList<>();
        for (PeerLink link : links) {
            if (link.endedByTransport()) {
                // the transport ended it under an open socket (its detach may not be handled yet): no longer
                // a peer; one the socket closed itself stays, with what its linger discarded
                continue;
            }
            PeerInfo peer = link.peer();
            peers.add(new PeerStatistics(link.endpoint(), peer == null ? "" : peer.remoteAddress(),
                    link.inbound().messagesWritten(), link.inbound().bytesWritten(),
                    link.outbound().messagesWritten(), link.outbound().bytesWritten(), link.outbound().size(),
                    link.outbound().highWaterMark(), link.inbound().size(), link.inbound().highWaterMark(),
                    link.reconnects(), link.discardedAtClose(), link.commandsIgnored()));
        }
        return new SocketStatistics(sent.get(), received.get(), droppedUnroutable.get(), droppedAtHwm.get(),
                discardedAtClose.get(), handshakesEvicted.get(), authenticationFailures.get(), peers,
                discardedAtDisconnect.get());
    }
}
