package dev.meshmq;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;

/**
 * The socket options MeshMQ supports, with libzmq's defaults unless stated.
 *
 * <p>Thread-safety: immutable constants.
 */
public final class SocketOptions {

    /** The longest HEARTBEAT_TTL: 65535 tenths of a second, plus the 99 ms that are cut off. */
    private static final Duration MAX_HEARTBEAT_TTL = Duration.ofMillis(6_553_599);

    /**
     * Messages a socket queues per peer before sending blocks (or drops, depending on the pattern);
     * 0 means no limit. Default 1000, as in libzmq. For inproc the limit between two sockets is the
     * sender's SEND_HWM plus the receiver's RECEIVE_HWM.
     */
    public static final SocketOption<Integer> SEND_HWM =
            new SocketOption<>("SEND_HWM", Integer.class, 1000, OptionRules::nonNegative);

    /** Messages a socket queues per peer on receipt before the peer is pushed back; 0 = no limit. */
    public static final SocketOption<Integer> RECEIVE_HWM =
            new SocketOption<>("RECEIVE_HWM", Integer.class, 1000, OptionRules::nonNegative);

    /**
     * How long {@code close()} lets queued outgoing messages drain before they are discarded; zero
     * discards at once. Default 2 seconds. This differs from libzmq (infinite), because an infinite
     * linger is how a dead peer makes a process hang on close; set a longer value when delivery of
     * the last messages matters more than a prompt close. Any negative value (e.g.
     * {@code Duration.ofMillis(-1)}, libzmq's -1) lingers until everything queued is delivered, with no
     * limit: {@link Context#close()} then waits for it up to {@link ContextConfig#withCloseTimeout},
     * and without a close timeout, forever if the peer never comes (as libzmq's zmq_ctx_term does).
     * The linger runs in the background whether the socket or its context is closed first;
     * {@link Socket#closeAndAwaitDelivery(Duration)} waits for it and says whether everything was
     * delivered, and discarded messages are counted in {@link SocketStatistics#discardedAtClose()}.
     */
    public static final SocketOption<Duration> LINGER =
            new SocketOption<>("LINGER", Duration.class, Duration.ofSeconds(2), value -> null);

    /**
     * Wait before the first reconnection attempt after a connection fails or drops; default 100 ms. A
     * negative value (libzmq's -1) means never reconnect: a connect makes one attempt, and once that
     * fails or its connection ends the endpoint is given up and its queued messages are discarded, as
     * in libzmq. Zero is refused: it would retry in a busy loop (libzmq 4.3.4 reads 0 like -1, which
     * its documentation does not say).
     */
    public static final SocketOption<Duration> RECONNECT_INTERVAL =
            new SocketOption<>("RECONNECT_INTERVAL", Duration.class, Duration.ofMillis(100),
                    value -> value.isZero() ? "must not be zero (a negative interval means never reconnect)" : null);

    /**
     * Upper bound for the reconnection wait, which doubles after every failed attempt; zero (the
     * default) keeps the wait at RECONNECT_INTERVAL.
     */
    public static final SocketOption<Duration> RECONNECT_INTERVAL_MAX =
            new SocketOption<>("RECONNECT_INTERVAL_MAX", Duration.class, Duration.ZERO,
                    OptionRules::nonNegative);

    /** Time a new connection has to finish the ZMTP handshake before it is closed; zero = no limit. */
    public static final SocketOption<Duration> HANDSHAKE_INTERVAL =
            new SocketOption<>("HANDSHAKE_INTERVAL", Duration.class, Duration.ofSeconds(30),
                    OptionRules::nonNegative);

    /**
     * Connections accepted on one bound tcp or ipc endpoint that may be in their ZMTP handshake at
     * once; default 16,384. When one more is accepted, the connection that has been in its handshake
     * longest is closed (a HANDSHAKE_FAILED_NO_DETAIL event says so), so a flood of connections that
     * never finish their handshake (a port scanner, a health-check prober, a hostile peer) costs
     * bounded memory and cannot keep a good peer out: a good peer finishes its handshake in one round
     * trip. A connection in its handshake costs a few KiB of heap and no direct buffer.
     */
    public static final SocketOption<Integer> MAX_HANDSHAKES =
            new SocketOption<>("MAX_HANDSHAKES", Integer.class, 16_384,
                    value -> value < 1 ? "must be at least 1" : null);

    /**
     * Largest frame, in bytes, accepted from a peer; a peer that sends a larger one is disconnected.
     * As in libzmq, the limit applies to each frame of a message, not to their sum (two 600-byte frames
     * pass a limit of 1,000). Under CURVE the limit applies, as in libzmq, to each encrypted MESSAGE box,
     * which is 33 bytes longer than the frame it holds (a limit of 1,000 takes frames of up to 967 bytes),
     * whether the box arrives as a data frame or as a command frame. -1 (the default) means no limit.
     */
    public static final SocketOption<Long> MAX_MESSAGE_SIZE =
            new SocketOption<>("MAX_MESSAGE_SIZE", Long.class, -1L,
                    value -> value < -1 ? "must be -1 (no limit) or at least 0" : null);

    /**
     * Most frames a message from a peer may have; a peer that sends a message with more is disconnected
     * (MESSAGE_TOO_LARGE, as for a frame above {@link #MAX_MESSAGE_SIZE}). Default 65,536; -1 means no
     * limit. libzmq has no such limit: there, a peer that sends frames with the MORE flag set and never
     * the last one makes the connection keep every frame until memory runs out, and MAX_MESSAGE_SIZE does
     * not stop it, since an empty frame costs two bytes on the wire. With the default a connection holds at
     * most 65,536 frames of an unfinished message.
     */
    public static final SocketOption<Integer> MAX_MESSAGE_PARTS =
            new SocketOption<>("MAX_MESSAGE_PARTS", Integer.class, 65_536,
                    OptionRules::minusOneOrPositive);

    /**
     * PUB and XPUB: most topics one peer may hold subscribed at once (RADIO: groups one DISH may join); a
     * peer at the limit that asks for one more is disconnected (a WARNING names it), the rest it sent ignored.
     * Subscribing again to a topic it holds does not count. XPUB_MANUAL subscriptions, applied by the
     * application, are not limited. Default -1, no limit, as in libzmq, where a subscriber can make a
     * publisher keep any number of topics: each costs a few hundred bytes of heap for a few bytes on the
     * wire, so set it on a publisher that faces untrusted subscribers.
     */
    public static final SocketOption<Integer> MAX_SUBSCRIPTIONS =
            new SocketOption<>("MAX_SUBSCRIPTIONS", Integer.class, -1,
                    OptionRules::minusOneOrPositive);

    /**
     * Pending connections the kernel queues on a bound tcp or ipc endpoint (the {@code listen()}
     * backlog); default 100, as in libzmq. The kernel caps it at {@code net.core.somaxconn} and, on
     * Linux, queues one connection more than asked. 0 is accepted, as in libzmq, where Linux then
     * queues a single pending connection; the JDK reads a backlog below 1 as "its default, 50", so
     * MeshMQ asks the kernel for 1 instead, which queues two: the smallest queue the JDK can ask for.
     * Set it before {@code bind()}; it applies to the endpoints bound afterwards.
     */
    public static final SocketOption<Integer> BACKLOG =
            new SocketOption<>("BACKLOG", Integer.class, 100,
                    value -> value < 0 ? "must be 0 or more" : null);

    /**
     * Whether {@code tcp://*:port} binds every IPv6 and IPv4 interface rather than IPv4 only, and
     * whether host names may resolve to IPv6 addresses. Default false. Literal IPv6 addresses such as
     * {@code tcp://[::1]:5555} work either way.
     */
    public static final SocketOption<Boolean> IPV6 =
            new SocketOption<>("IPV6", Boolean.class, false, value -> null);

    /**
     * The routing id this socket announces to its peers (the ZMTP Identity property), which a ROUTER
     * peer then uses to address it: 1 to 255 bytes, not starting with a zero byte (reserved for
     * automatic ids); empty (the default) lets the ROUTER pick one. REQ, REP, DEALER and ROUTER only.
     */
    public static final SocketOption<byte[]> ROUTING_ID =
            new SocketOption<>("ROUTING_ID", byte[].class, new byte[0], SocketOptions::routingId,
                    EnumSet.of(SocketType.REQ, SocketType.REP, SocketType.DEALER, SocketType.ROUTER));

    /**
     * The routing id a ROUTER gives the peer of its next {@code connect()}, instead of the peer's own
     * or an automatic one; used once, then cleared. Needed for ROUTER-to-ROUTER. ROUTER and STREAM (whose
     * outgoing connection is then addressed by it from the start).
     */
    public static final SocketOption<byte[]> CONNECT_ROUTING_ID =
            new SocketOption<>("CONNECT_ROUTING_ID", byte[].class, new byte[0], SocketOptions::routingId,
                    EnumSet.of(SocketType.ROUTER, SocketType.STREAM));

    /**
     * When true, a ROUTER reports an unknown routing id with {@link HostUnreachableException} and
     * waits (or reports would-block) when the peer is at its high-water mark; when false (the
     * default) such messages are dropped and counted in {@link Socket#statistics()}. ROUTER only.
     */
    public static final SocketOption<Boolean> ROUTER_MANDATORY =
            new SocketOption<>("ROUTER_MANDATORY", Boolean.class, false, value -> null,
                    EnumSet.of(SocketType.ROUTER));

    /**
     * When true, a peer that arrives with a routing id already in use takes it over and the older
     * connection is closed; when false (the default) the newcomer is ignored. ROUTER only.
     */
    public static final SocketOption<Boolean> ROUTER_HANDOVER =
            new SocketOption<>("ROUTER_HANDOVER", Boolean.class, false, value -> null,
                    EnumSet.of(SocketType.ROUTER));

    /**
     * When true, an empty message is sent to every peer as soon as its connection is up, so that a
     * ROUTER peer learns this socket's routing id before any request. REQ, DEALER and ROUTER.
     */
    public static final SocketOption<Boolean> PROBE_ROUTER =
            new SocketOption<>("PROBE_ROUTER", Boolean.class, false, value -> null,
                    EnumSet.of(SocketType.REQ, SocketType.DEALER, SocketType.ROUTER));

    /**
     * When true, a REQ socket puts a request id frame before each request and accepts only the reply
     * that carries the current id. REQ only.
     */
    public static final SocketOption<Boolean> REQ_CORRELATE =
            new SocketOption<>("REQ_CORRELATE", Boolean.class, false, value -> null, EnumSet.of(SocketType.REQ));

    /**
     * When true, a REQ socket may send a new request before the reply to the last one came (the
     * cure for a lost reply); the next request goes to the next peer. Use with REQ_CORRELATE so a
     * late reply to an abandoned request is discarded. REQ only.
     */
    public static final SocketOption<Boolean> REQ_RELAXED =
            new SocketOption<>("REQ_RELAXED", Boolean.class, false, value -> null, EnumSet.of(SocketType.REQ));

    /**
     * PUB and XPUB: when a matching subscriber's queue is full, a send waits (or a non-blocking send
     * returns false) instead of dropping the message for that subscriber. Default false.
     */
    public static final SocketOption<Boolean> XPUB_NODROP =
            new SocketOption<>("XPUB_NODROP", Boolean.class, false, value -> null,
                    EnumSet.of(SocketType.PUB, SocketType.XPUB));

    /** XPUB: show the application every subscribe, not only the first one per topic. Default false. */
    public static final SocketOption<Boolean> XPUB_VERBOSE =
            new SocketOption<>("XPUB_VERBOSE", Boolean.class, false, value -> null, EnumSet.of(SocketType.XPUB));

    /**
     * XPUB: like XPUB_VERBOSE, and also show every cancel, even one for a topic the cancelling
     * subscriber did not hold. Without it the application sees a cancel when a topic's last holder
     * cancels or leaves, and, as in libzmq, a cancel for a topic nobody holds. Default false.
     */
    public static final SocketOption<Boolean> XPUB_VERBOSER =
            new SocketOption<>("XPUB_VERBOSER", Boolean.class, false, value -> null, EnumSet.of(SocketType.XPUB));

    /**
     * XPUB: show every subscription without applying it; the application applies it with
     * {@link XPubSocket#subscribe}/{@link XPubSocket#unsubscribe}. Default false.
     */
    public static final SocketOption<Boolean> XPUB_MANUAL =
            new SocketOption<>("XPUB_MANUAL", Boolean.class, false, value -> null, EnumSet.of(SocketType.XPUB));

    /**
     * XPUB: a single-frame message sent to each new subscriber when it connects (its subscriptions
     * must match it, as for any message); empty (the default) sends none.
     */
    public static final SocketOption<Frame> XPUB_WELCOME_MSG =
            new SocketOption<>("XPUB_WELCOME_MSG", Frame.class, Frame.EMPTY, value -> null,
                    EnumSet.of(SocketType.XPUB));

    /**
     * PUB and XPUB send to subscribers whose subscriptions do not match a message, SUB delivers the
     * messages its subscriptions do not match. Default false.
     */
    public static final SocketOption<Boolean> INVERT_MATCHING =
            new SocketOption<>("INVERT_MATCHING", Boolean.class, false, value -> null,
                    EnumSet.of(SocketType.PUB, SocketType.XPUB, SocketType.SUB));

    /**
     * Keep only the newest message in each queue: a newer message replaces the one not yet taken, so
     * a slow reader always gets the latest value, a sender never waits and a publisher never drops for
     * it; SEND_HWM and RECEIVE_HWM no longer apply to those queues. Meant for state updates. As in
     * libzmq it applies to the queues towards each peer on PUSH, DEALER and PUB, and to the queues
     * from each peer on PULL, DEALER and SUB. A queue keeps whole messages: a multipart message is
     * kept or replaced as a whole (libzmq keeps only one frame of it, which breaks multipart messages;
     * do not rely on multipart under CONFLATE with a libzmq peer). Unlike libzmq, a PUB's incoming
     * subscriptions are never conflated, so none is lost.
     *
     * <p>Set it before connecting or binding: it applies to the connections made afterwards. Between
     * two inproc sockets a queue conflates when either socket asks for it in that direction (libzmq
     * asks only the connecting socket), except that a connect made before its bind uses the connecting
     * socket's setting alone. Default false.
     */
    public static final SocketOption<Boolean> CONFLATE =
            new SocketOption<>("CONFLATE", Boolean.class, false, value -> null, EnumSet.of(SocketType.PUSH,
                    SocketType.PULL, SocketType.DEALER, SocketType.PUB, SocketType.SUB));

    /**
     * How often to send a ZMTP PING on each connection once its handshake is done; zero (the
     * default) sends none. Together with HEARTBEAT_TIMEOUT this detects a peer that went silent (a
     * frozen process, a cut cable) that TCP alone would not notice for a long time.
     */
    public static final SocketOption<Duration> HEARTBEAT_INTERVAL =
            new SocketOption<>("HEARTBEAT_INTERVAL", Duration.class, Duration.ZERO, OptionRules::nonNegative);

    /**
     * The time-to-live announced in each PING: the peer closes the connection if it hears nothing from
     * this socket for that long. Sent in tenths of a second in a 16-bit field (RFC 37), so shorter parts
     * are cut off, below 100 ms means none, and the longest TTL on the wire is 6553.5 s. As in libzmq,
     * a value from 0 to 6553.599 s is accepted and a longer one is refused here, when it is set, rather
     * than cut down or wrapped around in the PING. Default zero (none).
     */
    public static final SocketOption<Duration> HEARTBEAT_TTL =
            new SocketOption<>("HEARTBEAT_TTL", Duration.class, Duration.ZERO,
                    value -> value.isNegative() || value.compareTo(MAX_HEARTBEAT_TTL) > 0
                            ? "must be between 0 and 6553.599 s (it is sent in tenths of a second in 16 bits)" : null);

    /**
     * How long to wait, after sending a PING, for anything at all from the peer before closing the
     * connection (which then reconnects if it was a connect). Zero (the default) means the same as
     * HEARTBEAT_INTERVAL.
     */
    public static final SocketOption<Duration> HEARTBEAT_TIMEOUT =
            new SocketOption<>("HEARTBEAT_TIMEOUT", Duration.class, Duration.ZERO, OptionRules::nonNegative);

    /** Stop reconnecting an endpoint when its peer refuses the connection. Default false. */
    public static final SocketOption<Boolean> RECONNECT_STOP_ON_REFUSED =
            new SocketOption<>("RECONNECT_STOP_ON_REFUSED", Boolean.class, false, value -> null);

    /**
     * Stop reconnecting an endpoint when a connection fails before its handshake completes (a wrong
     * socket type, a protocol error, a handshake timeout). Default false.
     */
    public static final SocketOption<Boolean> RECONNECT_STOP_ON_HANDSHAKE_FAILURE =
            new SocketOption<>("RECONNECT_STOP_ON_HANDSHAKE_FAILURE", Boolean.class, false, value -> null);

    /** Stop reconnecting an endpoint once an established connection to it ends. Default false. */
    public static final SocketOption<Boolean> RECONNECT_STOP_AFTER_DISCONNECT =
            new SocketOption<>("RECONNECT_STOP_AFTER_DISCONNECT", Boolean.class, false, value -> null);

    /**
     * The longest one tcp connect attempt may take before it counts as failed and the next attempt
     * is scheduled; zero (the default) leaves it to the operating system.
     */
    public static final SocketOption<Duration> CONNECT_TIMEOUT =
            new SocketOption<>("CONNECT_TIMEOUT", Duration.class, Duration.ZERO, OptionRules::nonNegative);

    // ---- Connection options (kernel socket options and connection notes): see ConnectionOptions ----

    /** The same option as {@link ConnectionOptions#TCP_KEEPALIVE}: documented there. */
    public static final SocketOption<Boolean> TCP_KEEPALIVE = ConnectionOptions.TCP_KEEPALIVE;

    /** The same option as {@link ConnectionOptions#TCP_KEEPALIVE_IDLE}: documented there. */
    public static final SocketOption<Duration> TCP_KEEPALIVE_IDLE = ConnectionOptions.TCP_KEEPALIVE_IDLE;

    /** The same option as {@link ConnectionOptions#TCP_KEEPALIVE_INTVL}: documented there. */
    public static final SocketOption<Duration> TCP_KEEPALIVE_INTVL = ConnectionOptions.TCP_KEEPALIVE_INTVL;

    /** The same option as {@link ConnectionOptions#TCP_KEEPALIVE_CNT}: documented there. */
    public static final SocketOption<Integer> TCP_KEEPALIVE_CNT = ConnectionOptions.TCP_KEEPALIVE_CNT;

    /** The same option as {@link ConnectionOptions#SNDBUF}: documented there. */
    public static final SocketOption<Integer> SNDBUF = ConnectionOptions.SNDBUF;

    /** The same option as {@link ConnectionOptions#RCVBUF}: documented there. */
    public static final SocketOption<Integer> RCVBUF = ConnectionOptions.RCVBUF;

    /** The same option as {@link ConnectionOptions#TOS}: documented there. */
    public static final SocketOption<Integer> TOS = ConnectionOptions.TOS;

    /** The same option as {@link ConnectionOptions#HELLO_MSG}: documented there. */
    public static final SocketOption<Frame> HELLO_MSG = ConnectionOptions.HELLO_MSG;

    /** The same option as {@link ConnectionOptions#DISCONNECT_MSG}: documented there. */
    public static final SocketOption<Frame> DISCONNECT_MSG = ConnectionOptions.DISCONNECT_MSG;

    /** The same option as {@link ConnectionOptions#HICCUP_MSG}: documented there. */
    public static final SocketOption<Frame> HICCUP_MSG = ConnectionOptions.HICCUP_MSG;

    /** The same option as {@link ConnectionOptions#IMMEDIATE}: documented there. */
    public static final SocketOption<Boolean> IMMEDIATE = ConnectionOptions.IMMEDIATE;

    /** The same option as {@link ConnectionOptions#ONLY_FIRST_SUBSCRIBE}: documented there. */
    public static final SocketOption<Boolean> ONLY_FIRST_SUBSCRIBE = ConnectionOptions.ONLY_FIRST_SUBSCRIBE;

    /** The same option as {@link ConnectionOptions#ROUTER_NOTIFY}: documented there. */
    public static final SocketOption<RouterNotify> ROUTER_NOTIFY = ConnectionOptions.ROUTER_NOTIFY;

    /** The same option as {@link ConnectionOptions#MULTICAST_HOPS}: documented there. */
    public static final SocketOption<Integer> MULTICAST_HOPS = ConnectionOptions.MULTICAST_HOPS;

    /** The same option as {@link ConnectionOptions#MULTICAST_LOOP}: documented there. */
    public static final SocketOption<Boolean> MULTICAST_LOOP = ConnectionOptions.MULTICAST_LOOP;

    // ---- Security options: see SecurityOptions ----

    /** The same option as {@link SecurityOptions#CURVE_SERVER}: documented there. */
    public static final SocketOption<Boolean> CURVE_SERVER = SecurityOptions.CURVE_SERVER;

    /** The same option as {@link SecurityOptions#CURVE_SECRET_KEY}: documented there. */
    public static final SocketOption<byte[]> CURVE_SECRET_KEY = SecurityOptions.CURVE_SECRET_KEY;

    /** The same option as {@link SecurityOptions#CURVE_PUBLIC_KEY}: documented there. */
    public static final SocketOption<byte[]> CURVE_PUBLIC_KEY = SecurityOptions.CURVE_PUBLIC_KEY;

    /** The same option as {@link SecurityOptions#CURVE_SERVER_KEY}: documented there. */
    public static final SocketOption<byte[]> CURVE_SERVER_KEY = SecurityOptions.CURVE_SERVER_KEY;

    /** The same option as {@link SecurityOptions#PLAIN_SERVER}: documented there. */
    public static final SocketOption<Boolean> PLAIN_SERVER = SecurityOptions.PLAIN_SERVER;

    /** The same option as {@link SecurityOptions#PLAIN_USERNAME}: documented there. */
    public static final SocketOption<String> PLAIN_USERNAME = SecurityOptions.PLAIN_USERNAME;

    /** The same option as {@link SecurityOptions#PLAIN_PASSWORD}: documented there. */
    public static final SocketOption<String> PLAIN_PASSWORD = SecurityOptions.PLAIN_PASSWORD;

    /** The same option as {@link SecurityOptions#ZAP_DOMAIN}: documented there. */
    public static final SocketOption<String> ZAP_DOMAIN = SecurityOptions.ZAP_DOMAIN;

    /** The same option as {@link SecurityOptions#ZAP_ENFORCE_DOMAIN}: documented there. */
    public static final SocketOption<Boolean> ZAP_ENFORCE_DOMAIN = SecurityOptions.ZAP_ENFORCE_DOMAIN;

    /** The same option as {@link SecurityOptions#AUTHENTICATOR}: documented there. */
    public static final SocketOption<Authenticator> AUTHENTICATOR = SecurityOptions.AUTHENTICATOR;

    /** The same option as {@link SecurityOptions#METADATA}: documented there. */
    public static final SocketOption<Map<String, String>> METADATA = SecurityOptions.METADATA;


    private SocketOptions() {
    }

    private static String routingId(byte[] value) {
        if (value.length > 255) {
            return "a routing id has at most 255 bytes";
        }
        if (value.length > 0 && value[0] == 0) {
            return "a routing id must not start with a zero byte (reserved for automatic ids)";
        }
        return null;
    }
}
