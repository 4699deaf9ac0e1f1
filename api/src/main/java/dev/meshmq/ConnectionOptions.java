package dev.meshmq;

import java.time.Duration;
import java.util.EnumSet;

/**
 * The options of each connection a socket makes or accepts: kernel socket options (TCP keepalive, buffer
 * sizes, type of service) and the notes a socket gives itself or its peers about connections (HELLO_MSG,
 * DISCONNECT_MSG, HICCUP_MSG, ROUTER_NOTIFY), plus IMMEDIATE and ONLY_FIRST_SUBSCRIBE, and udp multicast's
 * MULTICAST_HOPS and MULTICAST_LOOP, as libzmq 4.3 has them. Each is also listed in {@link SocketOptions}
 * under the same name: the constants are the same objects. BINDTODEVICE (SO_BINDTODEVICE) is not offered:
 * the JDK has no socket option for it.
 *
 * <p>Thread-safety: immutable constants.
 */
public final class ConnectionOptions {

    /** The types that may be given DISCONNECT_MSG and HICCUP_MSG: those that receive application messages. */
    private static final EnumSet<SocketType> NOTE_RECEIVERS = EnumSet.of(SocketType.PAIR, SocketType.SUB,
            SocketType.XSUB, SocketType.PULL, SocketType.DEALER, SocketType.ROUTER, SocketType.CLIENT,
            SocketType.SERVER);


    /** tcp: turn SO_KEEPALIVE on for each connection, so the kernel probes an idle peer. Default false. */
    public static final SocketOption<Boolean> TCP_KEEPALIVE =
            new SocketOption<>("TCP_KEEPALIVE", Boolean.class, false, value -> null);

    /**
     * tcp with TCP_KEEPALIVE: idle time before the first probe (TCP_KEEPIDLE), whole seconds from 1 s to
     * 32767 s; zero (the default) keeps the system's value.
     */
    public static final SocketOption<Duration> TCP_KEEPALIVE_IDLE =
            new SocketOption<>("TCP_KEEPALIVE_IDLE", Duration.class, Duration.ZERO, OptionRules::keepaliveSeconds);

    /** tcp with TCP_KEEPALIVE: time between probes (TCP_KEEPINTVL); as TCP_KEEPALIVE_IDLE. */
    public static final SocketOption<Duration> TCP_KEEPALIVE_INTVL =
            new SocketOption<>("TCP_KEEPALIVE_INTVL", Duration.class, Duration.ZERO, OptionRules::keepaliveSeconds);

    /** tcp with TCP_KEEPALIVE: unanswered probes before the connection is dropped, 1-127; 0 (default): system's. */
    public static final SocketOption<Integer> TCP_KEEPALIVE_CNT =
            new SocketOption<>("TCP_KEEPALIVE_CNT", Integer.class, 0,
                    value -> value < 0 || value > 127 ? "must be 0 (the system's) to 127" : null);

    /**
     * The kernel send buffer of each connection in bytes (SO_SNDBUF; Linux doubles it); 0 (the default)
     * keeps the system's, or for ipc MeshMQ's 1 MiB.
     */
    public static final SocketOption<Integer> SNDBUF =
            new SocketOption<>("SNDBUF", Integer.class, 0, OptionRules::nonNegative);

    /** The kernel receive buffer of each connection in bytes (SO_RCVBUF), as SNDBUF; set before bind. */
    public static final SocketOption<Integer> RCVBUF =
            new SocketOption<>("RCVBUF", Integer.class, 0, OptionRules::nonNegative);

    /** tcp: the IP type-of-service byte of each connection (IP_TOS: DSCP and ECN), 0-255; default 0. */
    public static final SocketOption<Integer> TOS =
            new SocketOption<>("TOS", Integer.class, 0,
                    value -> value < 0 || value > 255 ? "must be 0 to 255" : null);

    /**
     * A single-frame message the socket sends to each peer once its handshake is done, and again to
     * the peer of a connect after each reconnect; empty (the default) sends none. Queued behind what
     * the socket had already queued for that peer, and written when the socket's owner next calls into
     * the socket. PAIR, PUB, XPUB, PUSH, DEALER, ROUTER, CLIENT, SERVER.
     */
    public static final SocketOption<Frame> HELLO_MSG =
            new SocketOption<>("HELLO_MSG", Frame.class, Frame.EMPTY, value -> null, EnumSet.of(SocketType.PAIR,
                    SocketType.PUB, SocketType.XPUB, SocketType.PUSH, SocketType.DEALER, SocketType.ROUTER,
                    SocketType.CLIENT, SocketType.SERVER));

    /**
     * tcp/ipc: a single-frame message the socket receives, as if the peer had sent it (a ROUTER or
     * SERVER sees the peer's routing id), when a connection to a peer ends; empty (default): none.
     * Past the receive high-water mark, as in libzmq. Not for inproc (MeshMQ does not deliver it there).
     */
    public static final SocketOption<Frame> DISCONNECT_MSG =
            new SocketOption<>("DISCONNECT_MSG", Frame.class, Frame.EMPTY, value -> null, NOTE_RECEIVERS);

    /**
     * tcp/ipc: a single-frame message the socket receives when the connection of one of its connects
     * ends and will be remade (libzmq's "hiccup"): what was in flight may be lost. Empty (default): none.
     */
    public static final SocketOption<Frame> HICCUP_MSG =
            new SocketOption<>("HICCUP_MSG", Frame.class, Frame.EMPTY, value -> null, NOTE_RECEIVERS);

    /**
     * Queue messages only to peers whose connection is complete: a connect's queue joins the
     * round-robin of PUSH, DEALER, REQ, PAIR and CLIENT once its handshake is done, and leaves it
     * while the connection is down, so sends go to connected peers or wait (libzmq's ZMQ_IMMEDIATE).
     * Unlike libzmq, what was already queued for a peer that disconnects is kept and sent when it
     * reconnects, not discarded. Set it before connect. Default false.
     */
    public static final SocketOption<Boolean> IMMEDIATE =
            new SocketOption<>("IMMEDIATE", Boolean.class, false, value -> null);

    /**
     * XPUB and XSUB: a multipart message whose first frame starts with 0x01 or 0x00 carries a
     * subscribe or cancel in that frame and user data in the rest. An XSUB applies it (and sends it
     * again after a reconnect, as a plain subscription) and sends the whole message; an XPUB applies
     * it, reports it as for any subscription, and gives the application the remaining frames as one
     * message. Off (the default), MeshMQ takes any multipart message as user data, where libzmq
     * examines each of its frames.
     */
    public static final SocketOption<Boolean> ONLY_FIRST_SUBSCRIBE =
            new SocketOption<>("ONLY_FIRST_SUBSCRIBE", Boolean.class, false, value -> null,
                    EnumSet.of(SocketType.XPUB, SocketType.XSUB));

    /**
     * ROUTER, tcp/ipc: receive [routing id, empty frame] when a peer connects and/or disconnects (see
     * {@link RouterNotify}). Default {@link RouterNotify#NONE}. Set it before bind or connect.
     */
    public static final SocketOption<RouterNotify> ROUTER_NOTIFY =
            new SocketOption<>("ROUTER_NOTIFY", RouterNotify.class, RouterNotify.NONE, value -> null,
                    EnumSet.of(SocketType.ROUTER));

    /**
     * RADIO, udp multicast: the time-to-live of the datagrams sent to a multicast group (IP_MULTICAST_TTL),
     * the number of routers they may cross, 1-255; default 1 (the local network), as libzmq's
     * ZMQ_MULTICAST_HOPS. Set it before connect.
     */
    public static final SocketOption<Integer> MULTICAST_HOPS =
            new SocketOption<>("MULTICAST_HOPS", Integer.class, 1,
                    value -> value < 1 || value > 255 ? "must be 1 to 255" : null, EnumSet.of(SocketType.RADIO));

    /**
     * RADIO, udp multicast: whether the datagrams sent to a multicast group are also delivered to receivers
     * on this host (IP_MULTICAST_LOOP); default true, as libzmq's ZMQ_MULTICAST_LOOP. Set it before connect.
     */
    public static final SocketOption<Boolean> MULTICAST_LOOP =
            new SocketOption<>("MULTICAST_LOOP", Boolean.class, true, value -> null, EnumSet.of(SocketType.RADIO));

    private ConnectionOptions() {
    }
}
