package dev.meshmq.testsupport;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The fault settings of one {@link FaultyRelay}, shared by all its connections: latency, bandwidth, the
 * stall flag, the corruption order per direction, the byte counters, and the closed flag.
 *
 * <p>Thread-safety: safe for any thread; the stall and closed flags are guarded by this object's monitor,
 * so pumps can wait on it, as is the
 * corruption order; the rest are atomics.
 */
final class RelayFaults {

    private final AtomicLong latencyNanos = new AtomicLong();
    private final AtomicLong bandwidth = new AtomicLong();
    private final long[] corruptSkip = new long[2];
    private final long[] corruptLeft = new long[2];
    private final AtomicLong[] forwarded = {new AtomicLong(), new AtomicLong()};
    private boolean stalled;
    private boolean closed;

    void latencyNanos(long nanos) {
        if (nanos < 0) {
            throw new IllegalArgumentException("latency must not be negative");
        }
        latencyNanos.set(nanos);
    }

    long latencyNanos() {
        return latencyNanos.get();
    }

    void bandwidth(long bytesPerSecond) {
        if (bytesPerSecond < 0) {
            throw new IllegalArgumentException("bandwidth must not be negative");
        }
        bandwidth.set(bytesPerSecond);
    }

    long bandwidth() {
        return bandwidth.get();
    }

    synchronized void stall(boolean on) {
        stalled = on;
        notifyAll();
    }

    synchronized boolean isClosed() {
        return closed;
    }

    synchronized void close() {
        closed = true;
        notifyAll();
    }

    /**
     * Waits while the relay is stalled.
     *
     * @return false if the relay closed (or the thread was interrupted) instead
     */
    synchronized boolean awaitFlowing() {
        while (stalled && !closed) {
            try {
                wait(TimeUnit.SECONDS.toMillis(1));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return !closed;
    }

    synchronized void corrupt(FaultyRelay.Direction direction, long skip, int count) {
        if (skip < 0 || count < 0) {
            throw new IllegalArgumentException("skip and count must not be negative");
        }
        corruptSkip[direction.ordinal()] = skip;
        corruptLeft[direction.ordinal()] = count;
    }

    /**
     * Inverts the bytes of {@code bytes[0..length)} that the corruption order of {@code direction} covers:
     * after skipping its first bytes, the next ones up to its count.
     */
    synchronized void applyCorruption(FaultyRelay.Direction direction, byte[] bytes, int length) {
        int d = direction.ordinal();
        for (int i = 0; i < length && corruptLeft[d] > 0; i++) {
            if (corruptSkip[d] > 0) {
                corruptSkip[d]--;
            } else {
                bytes[i] = (byte) ~bytes[i];
                corruptLeft[d]--;
            }
        }
    }

    void countForwarded(FaultyRelay.Direction direction, int count) {
        forwarded[direction.ordinal()].addAndGet(count);
    }

    long forwarded(FaultyRelay.Direction direction) {
        return forwarded[direction.ordinal()].get();
    }
}
