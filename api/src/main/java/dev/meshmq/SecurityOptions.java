package dev.meshmq;

import java.util.Map;

/**
 * The options of PLAIN and CURVE security and of authentication (ZAP): which mechanism a socket uses, its
 * keys or credentials, and who judges its peers. Each is also listed in {@link SocketOptions} under the same
 * name: the constants are the same objects.
 *
 * <p>Thread-safety: immutable constants.
 */
public final class SecurityOptions {

    /**
     * CURVE: this socket is a CURVE server (it needs CURVE_SECRET_KEY; clients need its public key).
     * A socket uses CURVE when this or CURVE_SERVER_KEY is set, else PLAIN when PLAIN_SERVER or
     * PLAIN_USERNAME is set, else NULL, as libzmq decides. Set it before connecting or binding.
     * Default false.
     */
    public static final SocketOption<Boolean> CURVE_SERVER =
            new SocketOption<>("CURVE_SERVER", Boolean.class, false, value -> null);

    /**
     * CURVE: this socket's long-term secret key. Like the other key options it takes the key as 32
     * raw bytes or as the 40 ASCII bytes of its Z85 text (as libzmq accepts) and stores 32 bytes.
     */
    public static final SocketOption<byte[]> CURVE_SECRET_KEY = SecurityOptionRules.key("CURVE_SECRET_KEY");

    /** CURVE: this socket's long-term public key (a client's; 32 raw bytes or 40 bytes of Z85). */
    public static final SocketOption<byte[]> CURVE_PUBLIC_KEY = SecurityOptionRules.key("CURVE_PUBLIC_KEY");

    /**
     * CURVE: the public key of the server a client connects to (32 raw bytes or 40 bytes of Z85); setting
     * it makes the socket a CURVE client. A client also needs CURVE_PUBLIC_KEY and CURVE_SECRET_KEY.
     */
    public static final SocketOption<byte[]> CURVE_SERVER_KEY = SecurityOptionRules.key("CURVE_SERVER_KEY");

    /**
     * PLAIN: this socket is a PLAIN server and checks each client's user name and password with its
     * AUTHENTICATOR or a ZAP handler. PLAIN sends the password in clear text. Default false.
     */
    public static final SocketOption<Boolean> PLAIN_SERVER =
            new SocketOption<>("PLAIN_SERVER", Boolean.class, false, value -> null);

    /** PLAIN: the user name a client sends, at most 255 bytes of UTF-8; setting it makes a PLAIN client. */
    public static final SocketOption<String> PLAIN_USERNAME = SecurityOptionRules.shortText("PLAIN_USERNAME");

    /** PLAIN: the password a client sends, at most 255 bytes of UTF-8. Default empty. */
    public static final SocketOption<String> PLAIN_PASSWORD = SecurityOptionRules.shortText("PLAIN_PASSWORD");

    /**
     * The ZAP domain this socket's authentication requests carry (RFC 27), at most 255 bytes. A NULL
     * socket with a non-empty domain asks its AUTHENTICATOR or ZAP handler about each peer, as libzmq
     * does. Default empty.
     */
    public static final SocketOption<String> ZAP_DOMAIN = SecurityOptionRules.shortText("ZAP_DOMAIN");

    /**
     * When true, a socket that should authenticate but finds neither an AUTHENTICATOR nor a ZAP handler
     * refuses its peers instead of letting them in (libzmq's strict RFC 27 mode). Default false.
     */
    public static final SocketOption<Boolean> ZAP_ENFORCE_DOMAIN =
            new SocketOption<>("ZAP_ENFORCE_DOMAIN", Boolean.class, false, value -> null);

    /**
     * Who judges the peers of a socket that authenticates (a PLAIN or CURVE server, or a NULL socket
     * with a ZAP_DOMAIN), called on the context's authentication thread. Without one (the default),
     * a ZAP handler bound at {@code inproc://zeromq.zap.01} in the same context is asked.
     */
    public static final SocketOption<Authenticator> AUTHENTICATOR =
            new SocketOption<>("AUTHENTICATOR", Authenticator.class, null, value -> null);

    /**
     * Application properties this socket announces in its handshake (libzmq's ZMQ_METADATA): each
     * name starts with "X-", has at most 255 characters from {@code A-Z a-z 0-9 - _ . +}, and its
     * value is sent as UTF-8; at most 1,000 of them (a MeshMQ peer takes at most 1,024 properties in a
     * handshake). The peer reads them with {@code Message.peerProperty(name)}. Default none.
     */
    public static final SocketOption<Map<String, String>> METADATA = SecurityOptionRules.metadata();

    private SecurityOptions() {
    }
}
