package dev.meshmq.patterns.core;

import dev.meshmq.PeerStatistics;
import dev.meshmq.SocketStatistics;
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
    private final AtomicLong handshakesEvicted = new AtomicLong();
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
    }

    /** Counts a message dropped at the high-water mark. */
    public void droppedAtHwm() {
        increment(droppedAtHwm);
    }

    /** Counts {@code count} messages dropped at the high-water mark. */
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

    private static void increment(AtomicLong counter) {
        counter.lazySet(counter.get() + 1);
    }

    SocketStatistics snapshot(Iterable<PeerLink> links) {
        List<PeerStatistics> peers = new ArrayList<>();
        for (PeerLink link : links) {
            PeerInfo peer = link.peer();
            peers.add(new PeerStatistics(link.endpoint(), peer == null ? "" : peer.remoteAddress(),
                    link.inbound().messagesWritten(), link.inbound().bytesWritten(),
                    link.outbound().messagesWritten(), link.outbound().bytesWritten(), link.outbound().size(),
                    link.outbound().highWaterMark(), link.inbound().size(), link.inbound().highWaterMark(),
                    link.reconnects(), link.discardedAtClose(), link.commandsIgnored()));
        }
        return new SocketStatistics(sent.get(), received.get(), droppedUnroutable.get(), droppedAtHwm.get(),
                discardedAtClose.get(), handshakesEvicted.get(), authenticationFailures.get(), peers);
    }
}
