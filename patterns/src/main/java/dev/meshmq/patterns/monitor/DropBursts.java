package dev.meshmq.patterns.monitor;

import java.util.function.Supplier;
import jdk.jfr.FlightRecorder;

/**
 * Reports the drops of one peer (or one socket) and reason as {@code dev.meshmq.DropBurst} JFR events,
 * at most one every {@value #WINDOW_MILLIS} ms while drops go on: the first drop after a quiet window is
 * committed at once; the drops that follow within the window are added up and committed with the first
 * drop after it, or by {@link #flush()} where the pattern knows that a run of drops ended (PUB, XPUB:
 * the subscriber took a message again). Where it does not (ROUTER, REP), the drops of the last window
 * of a run are reported with the next drop. Until Flight Recorder is initialised in this JVM,
 * {@link #dropped(long)} reads one static flag and loads no event class; while no recording enables the
 * event, it counts nothing.
 *
 * <p>Thread-safety: one writer, the socket's caller thread.
 */
public final class DropBursts {

    static final long WINDOW_MILLIS = 100;
    private static final long WINDOW_NANOS = WINDOW_MILLIS * 1_000_000L;

    private final String socketType;
    private final String endpoint;
    private final String reason;
    private final Supplier<String> remoteAddress;
    private long pending;
    private DropBurstJfrEvent open;
    private long lastCommitNanos;
    private boolean committedBefore;

    /**
     * Creates the reporter of one peer and reason.
     *
     * @param socketType the socket's type, as events name it
     * @param endpoint the peer's endpoint, or empty if the socket does not know which peer
     * @param reason {@code hwm} or {@code unroutable}
     * @param remoteAddress the peer's address when an event is committed, or empty
     */
    public DropBursts(String socketType, String endpoint, String reason, Supplier<String> remoteAddress) {
        this.socketType = socketType;
        this.endpoint = endpoint;
        this.reason = reason;
        this.remoteAddress = remoteAddress;
    }

    /**
     * Counts {@code count} drops, committing an event if the window since the last one has passed.
     *
     * @param count messages dropped now
     */
    public void dropped(long count) {
        if (!FlightRecorder.isInitialized()) {
            return;
        }
        DropBurstJfrEvent event = open == null ? new DropBurstJfrEvent() : open;
        if (!event.isEnabled()) {
            pending = 0;
            open = null;
            return;
        }
        if (open == null) {
            open = event;
            open.begin();
        }
        pending += count;
        long now = System.nanoTime();
        if (!committedBefore || now - lastCommitNanos >= WINDOW_NANOS) {
            commit();
            committedBefore = true;
            lastCommitNanos = now;
        }
    }

    /** Commits what was counted since the last event: the run of drops ended. */
    public void flush() {
        if (pending != 0) {
            commit();
        }
    }

    private void commit() {
        DropBurstJfrEvent event = open;
        open = null;
        long count = pending;
        pending = 0;
        if (event == null || !event.shouldCommit()) {
            return;
        }
        event.end();
        event.socketType = socketType;
        event.endpoint = endpoint;
        event.remoteAddress = remoteAddress.get();
        event.reason = reason;
        event.dropped = count;
        event.commit();
    }
}
