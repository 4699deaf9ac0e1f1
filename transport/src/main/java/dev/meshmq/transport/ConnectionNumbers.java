package dev.meshmq.transport;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Numbers connections for monitor events, where libzmq reports a file descriptor (which Java does
 * not expose): unique within the process, so events of one connection can be matched up.
 *
 * <p>Thread-safety: safe for any thread.
 */
final class ConnectionNumbers {

    private static final AtomicLong NEXT = new AtomicLong(1);

    private ConnectionNumbers() {
    }

    static long next() {
        return NEXT.getAndIncrement();
    }
}
