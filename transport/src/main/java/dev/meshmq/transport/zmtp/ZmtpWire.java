package dev.meshmq.transport.zmtp;

/**
 * The constants of the ZMTP 3.1 wire format, each with the section of RFC 37/ZMTP (which extends
 * RFC 23/ZMTP 3.0) it comes from.
 *
 * <p>Threading: constants only, safe from any thread.
 */
public final class ZmtpWire {

    /** Greeting length in bytes (RFC 37, version negotiation). */
    public static final int GREETING_SIZE = 64;

    /** First byte of the greeting signature (RFC 37, version negotiation). */
    public static final byte SIGNATURE_START = (byte) 0xFF;

    /** Last byte of the greeting signature, offset 9 (RFC 37, version negotiation). */
    public static final byte SIGNATURE_END = 0x7F;

    /** Offset of the last signature byte in the greeting. */
    public static final int SIGNATURE_END_OFFSET = 9;

    /** Offset of the major version byte in the greeting. */
    public static final int VERSION_MAJOR_OFFSET = 10;

    /** Offset of the minor version byte in the greeting. */
    public static final int VERSION_MINOR_OFFSET = 11;

    /** Offset of the 20-byte mechanism field in the greeting (RFC 37, security mechanisms). */
    public static final int MECHANISM_OFFSET = 12;

    /** Length of the NUL-padded mechanism field in the greeting. */
    public static final int MECHANISM_SIZE = 20;

    /** Offset of the as-server byte in the greeting. */
    public static final int AS_SERVER_OFFSET = 32;

    /** Major protocol version we speak (RFC 37, version negotiation). */
    public static final int VERSION_MAJOR = 3;

    /** Minor protocol version we speak: 3.1. */
    public static final int VERSION_MINOR = 1;

    /** Frame flag: more frames of this message follow (RFC 37, framing). */
    public static final int FLAG_MORE = 0x01;

    /** Frame flag: the size field is 8 bytes, big-endian (RFC 37, framing). */
    public static final int FLAG_LONG = 0x02;

    /** Frame flag: the frame is a command (RFC 37, framing). */
    public static final int FLAG_COMMAND = 0x04;

    /** Largest body that uses the 1-byte size form (RFC 37, framing). */
    public static final int MAX_SHORT_SIZE = 255;

    /** The NULL security mechanism (RFC 37, NULL security mechanism). */
    public static final String MECHANISM_NULL = "NULL";

    /** Command closing the NULL handshake, carrying metadata (RFC 37, NULL security mechanism). */
    public static final String COMMAND_READY = "READY";

    /** Command reporting a fatal handshake error (RFC 37, NULL security mechanism). */
    public static final String COMMAND_ERROR = "ERROR";

    /** Command adding a subscription (RFC 37, commands: SUBSCRIBE). */
    public static final String COMMAND_SUBSCRIBE = "SUBSCRIBE";

    /** Command removing a subscription (RFC 37, commands: CANCEL). */
    public static final String COMMAND_CANCEL = "CANCEL";

    /**
     * First byte of a subscription sent as a message, to ZMTP 3.0 peers and at the XPUB/XSUB API
     * (RFC 29/PUBSUB, "The XSUB Socket Type"; RFC 23/ZMTP 3.0 has no SUBSCRIBE command).
     */
    public static final byte SUBSCRIPTION_MESSAGE_SUBSCRIBE = 0x01;

    /** First byte of a cancel sent as a message (RFC 29/PUBSUB, "The XSUB Socket Type"). */
    public static final byte SUBSCRIPTION_MESSAGE_CANCEL = 0x00;

    /** Heartbeat request (RFC 37, heartbeating). */
    public static final String COMMAND_PING = "PING";

    /** Heartbeat reply (RFC 37, heartbeating). */
    public static final String COMMAND_PONG = "PONG";

    /** Command of a DISH joining a group: the data is the group (RFC 48/RADIO-DISH; libzmq's dish session). */
    public static final String COMMAND_JOIN = "JOIN";

    /** Command of a DISH leaving a group: the data is the group (RFC 48/RADIO-DISH). */
    public static final String COMMAND_LEAVE = "LEAVE";

    /** Metadata property naming the sender's socket type (RFC 37, Socket-Type property). */
    public static final String PROPERTY_SOCKET_TYPE = "Socket-Type";

    /** Metadata property carrying the sender's routing id (RFC 37, Identity property). */
    public static final String PROPERTY_IDENTITY = "Identity";

    /** Largest PING context, in bytes (RFC 37, heartbeating). */
    public static final int MAX_PING_CONTEXT = 16;

    private ZmtpWire() {
    }
}
