package dev.meshmq;

import java.time.Duration;

/**
 * The socket options MeshMQ supports, with libzmq's defaults unless stated.
 *
 * <p>Thread-safety: immutable constants.
 */
public final class SocketOptions {

    /**
     * Messages a socket queues per peer before sending blocks (or drops, depending on the pattern);
     * 0 means no limit. Default 1000, as in libzmq. For inproc the limit between two sockets is the
     * sender's SEND_HWM plus the receiver's RECEIVE_HWM.
     */
    public static final SocketOption<Integer> SEND_HWM =
            new SocketOption<>("SEND_HWM", Integer.class, 1000, SocketOptions::nonNegative);

    /** Messages a socket queues per peer on receipt before the peer is pushed back; 0 = no limit. */
    public static final SocketOption<Integer> RECEIVE_HWM =
            new SocketOption<>("RECEIVE_HWM", Integer.class, 1000, SocketOptions::nonNegative);

    /**
     * How long {@code close()} lets queued outgoing messages drain before they are discarded; zero
     * discards at once. Default 2 seconds. This differs from libzmq (infinite), because an infinite
     * linger is how a dead peer makes a process hang on close; set a longer value when delivery of
     * the last messages matters more than a prompt close.
     */
    public static final SocketOption<Duration> LINGER =
            new SocketOption<>("LINGER", Duration.class, Duration.ofSeconds(2), SocketOptions::nonNegative);

    /** Wait before the first reconnection attempt after a connection fails or drops; default 100 ms. */
    public static final SocketOption<Duration> RECONNECT_INTERVAL =
            new SocketOption<>("RECONNECT_INTERVAL", Duration.class, Duration.ofMillis(100),
                    SocketOptions::positive);

    /**
     * Upper bound for the reconnection wait, which doubles after every failed attempt; zero (the
     * default) keeps the wait at RECONNECT_INTERVAL.
     */
    public static final SocketOption<Duration> RECONNECT_INTERVAL_MAX =
            new SocketOption<>("RECONNECT_INTERVAL_MAX", Duration.class, Duration.ZERO,
                    SocketOptions::nonNegative);

    /** Time a new connection has to finish the ZMTP handshake before it is closed; zero = no limit. */
    public static final SocketOption<Duration> HANDSHAKE_INTERVAL =
            new SocketOption<>("HANDSHAKE_INTERVAL", Duration.class, Duration.ofSeconds(30),
                    SocketOptions::nonNegative);

    /**
     * Largest message, in bytes over all its frames, accepted from a peer; a peer that sends a larger
     * one is disconnected. -1 (the default) means no limit.
     */
    public static final SocketOption<Long> MAX_MESSAGE_SIZE =
            new SocketOption<>("MAX_MESSAGE_SIZE", Long.class, -1L,
                    value -> value < -1 ? "must be -1 (no limit) or at least 0" : null);

    /** Pending connections the kernel queues on a bound tcp or ipc endpoint; default 100. */
    public static final SocketOption<Integer> BACKLOG =
            new SocketOption<>("BACKLOG", Integer.class, 100,
                    value -> value < 1 ? "must be at least 1" : null);

    /**
     * Whether {@code tcp://*:port} binds every IPv6 and IPv4 interface rather than IPv4 only, and
     * whether host names may resolve to IPv6 addresses. Default false. Literal IPv6 addresses such as
     * {@code tcp://[::1]:5555} work either way.
     */
    public static final SocketOption<Boolean> IPV6 =
            new SocketOption<>("IPV6", Boolean.class, false, value -> null);

    private SocketOptions() {
    }

    private static String nonNegative(Integer value) {
        return value < 0 ? "must be 0 (no limit) or more" : null;
    }

    private static String nonNegative(Duration value) {
        return value.isNegative() ? "must not be negative" : null;
    }

    private static String positive(Duration value) {
        return value.isNegative() || value.isZero() ? "must be positive" : null;
    }
}
