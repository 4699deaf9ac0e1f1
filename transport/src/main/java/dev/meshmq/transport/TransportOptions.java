package dev.meshmq.transport;

import dev.meshmq.SocketType;
import java.util.Objects;

/**
 * The socket settings the transport needs, captured when a bind or connect starts.
 *
 * <p>Thread-safety: immutable.
 *
 * @param socketType the local socket's type, announced in READY and checked against the peer's
 * @param sendHwm messages queued towards one peer; 0 = no limit
 * @param receiveHwm messages queued from one peer; 0 = no limit
 * @param lingerNanos how long queued outgoing messages may drain after close; {@link #LINGER_FOREVER} for
 *     no limit
 * @param reconnectIntervalNanos first wait before reconnecting; negative: never reconnect
 * @param reconnectIntervalMaxNanos upper bound of the doubling wait; 0 keeps it constant
 * @param handshakeIntervalNanos time allowed for the handshake; 0 = no limit
 * @param maxMessageSize largest accepted incoming frame; -1 = no limit
 * @param maxMessageParts most frames an incoming message may have; -1 = no limit
 * @param backlog listen backlog as set (BACKLOG, 0 or more); see {@link #listenBacklog()}
 * @param ipv6 whether IPv6 is allowed for wildcards and names
 * @param routingId the Identity this socket announces in READY (REQ, DEALER, ROUTER); empty for none
 * @param heartbeat the ZMTP heartbeat settings
 * @param reconnect when to stop reconnecting, and the connect timeout
 * @param conflate CONFLATE: keep only the newest message in the pipes the socket type conflates (see
 *     {@link #conflatesInbound()} and {@link #conflatesOutbound()})
 * @param maxHandshakes connections one bound endpoint keeps in their handshake at once
 * @param connection kernel socket options and the notes put in inbound pipes (see {@link ConnectionSettings})
 * @param security the security mechanism, credentials and authentication
 */
public record TransportOptions(SocketType socketType, int sendHwm, int receiveHwm, long lingerNanos,
        long reconnectIntervalNanos, long reconnectIntervalMaxNanos, long handshakeIntervalNanos,
        long maxMessageSize, int maxMessageParts, int backlog, boolean ipv6, byte[] routingId,
        HeartbeatSettings heartbeat, ReconnectRules reconnect, boolean conflate, int maxHandshakes,
        ConnectionSettings connection, SecuritySettings security) {

    /**
     * The {@link #lingerNanos} of a socket that lingers until its messages are delivered (LINGER
     * negative): about 146 years, far enough to never expire, and small enough that adding it to a
     * clock reading and rounding it up to milliseconds cannot overflow.
     */
    public static final long LINGER_FOREVER = Long.MAX_VALUE / 2;

    /**
     * Checks the values.
     */
    public TransportOptions {
        Objects.requireNonNull(socketType, "socketType");
        Objects.requireNonNull(routingId, "routingId");
        Objects.requireNonNull(heartbeat, "heartbeat");
        Objects.requireNonNull(reconnect, "reconnect");
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(security, "security");
        if (sendHwm < 0 || receiveHwm < 0 || lingerNanos < 0 || reconnectIntervalNanos == 0
                || reconnectIntervalMaxNanos < 0 || handshakeIntervalNanos < 0 || maxMessageSize < -1 || backlog < 0
                || maxMessageParts < 1 && maxMessageParts != -1
                || maxHandshakes < 1) {
            throw new IllegalArgumentException("invalid transport options: a value is out of range");
        }
    }

    /**
     * Returns the backlog to hand to {@code ServerSocketChannel.bind}: BACKLOG, except that 0 becomes
     * 1, because the JDK replaces a backlog below 1 by its default (50) while libzmq passes 0 to
     * {@code listen()}, which on Linux queues one pending connection; 1 (two queued) is the closest.
     *
     * @return at least 1
     */
    public int listenBacklog() {
        return Math.max(1, backlog);
    }

    /**
     * Returns whether a connect-side endpoint reconnects after a failed attempt or a lost connection.
     *
     * @return false when RECONNECT_INTERVAL is negative (libzmq's -1)
     */
    public boolean reconnects() {
        return reconnectIntervalNanos > 0;
    }

    /**
     * Returns whether the pipes from each peer keep only the newest message: CONFLATE on PULL, DEALER
     * or SUB, as in libzmq.
     *
     * @return true for conflating inbound pipes
     */
    public boolean conflatesInbound() {
        return conflate && (socketType == SocketType.PULL || socketType == SocketType.DEALER
                || socketType == SocketType.SUB);
    }

    /**
     * Returns whether the pipes towards each peer keep only the newest message: CONFLATE on PUSH,
     * DEALER or PUB, as in libzmq (a PUB's inbound pipes carry subscriptions and never conflate).
     *
     * @return true for conflating outbound pipes
     */
    public boolean conflatesOutbound() {
        return conflate && (socketType == SocketType.PUSH || socketType == SocketType.DEALER
                || socketType == SocketType.PUB);
    }

    /**
     * Returns a new pipe for messages from one peer: conflating if {@link #conflatesInbound()}, else
     * limited by RECEIVE_HWM.
     *
     * @return the pipe
     */
    public Pipe newInboundPipe() {
        return conflatesInbound() ? Pipe.conflating() : new Pipe(receiveHwm);
    }

    /**
     * Returns a new pipe for messages to one peer: conflating if {@link #conflatesOutbound()}, else
     * limited by SEND_HWM.
     *
     * @return the pipe
     */
    public Pipe newOutboundPipe() {
        return conflatesOutbound() ? Pipe.conflating() : new Pipe(sendHwm);
    }

    /**
     * Returns the limit for an inproc pipe between a sender with {@code sendHwm} and a receiver with
     * {@code receiveHwm}: their sum, or no limit if either has none.
     *
     * @param sendHwm the sender's SEND_HWM
     * @param receiveHwm the receiver's RECEIVE_HWM
     * @return the combined limit, 0 for none
     */
    public static int combinedHwm(int sendHwm, int receiveHwm) {
        if (sendHwm == 0 || receiveHwm == 0) {
            return 0;
        }
        long sum = (long) sendHwm + receiveHwm;
        return (int) Math.min(Integer.MAX_VALUE, sum);
    }
}
