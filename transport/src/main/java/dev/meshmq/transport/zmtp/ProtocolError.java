package dev.meshmq.transport.zmtp;

/**
 * Why a ZMTP connection failed. Each reason carries the code libzmq reports with the
 * {@code HANDSHAKE_FAILED_PROTOCOL} monitor event; reasons specific to MeshMQ report
 * {@link #ZMTP_UNSPECIFIED}'s code.
 *
 * <p>Threading: immutable, safe from any thread.
 */
public enum ProtocolError {
    /** Some other violation of ZMTP. */
    ZMTP_UNSPECIFIED(0x10000000),
    /** A command that is not allowed at this point. */
    UNEXPECTED_COMMAND(0x10000001),
    /** A nonce that is not greater than the last one (a replayed or reordered CURVE box). */
    INVALID_SEQUENCE(0x10000002),
    /** CURVE: the key exchange failed. */
    KEY_EXCHANGE(0x10000003),
    /** A command frame that cannot be parsed. */
    MALFORMED_COMMAND_UNSPECIFIED(0x10000011),
    /** A malformed HELLO. */
    MALFORMED_COMMAND_HELLO(0x10000013),
    /** A malformed INITIATE. */
    MALFORMED_COMMAND_INITIATE(0x10000014),
    /** A malformed WELCOME. */
    MALFORMED_COMMAND_WELCOME(0x10000017),
    /** CURVE: a box that does not open (bad MAC, wrong key) or a bad cookie. */
    CRYPTOGRAPHIC(0x11000001),
    /** ZAP: an unspecified failure of the handler. */
    ZAP_UNSPECIFIED(0x20000000),
    /** ZAP: a reply with the wrong number of frames or an empty delimiter missing. */
    ZAP_MALFORMED_REPLY(0x20000001),
    /** ZAP: a reply to another request. */
    ZAP_BAD_REQUEST_ID(0x20000002),
    /** ZAP: a reply whose version is not "1.0". */
    ZAP_BAD_VERSION(0x20000003),
    /** ZAP: a status code other than 200, 300, 400 and 500. */
    ZAP_INVALID_STATUS_CODE(0x20000004),
    /** ZAP: metadata that does not decode. */
    ZAP_INVALID_METADATA(0x20000005),
    /** A malformed MESSAGE command (CURVE). */
    MALFORMED_COMMAND_MESSAGE(0x10000012),
    /** A malformed ERROR command. */
    MALFORMED_COMMAND_ERROR(0x10000015),
    /** A malformed READY command. */
    MALFORMED_COMMAND_READY(0x10000016),
    /** Metadata with a bad or repeated property name. */
    INVALID_METADATA(0x10000018),
    /** The peer's greeting names another security mechanism than ours. */
    MECHANISM_MISMATCH(0x11000002),
    /** The peer's greeting is not a ZMTP 3.x greeting. */
    BAD_GREETING(0x10000000),
    /** The peer speaks ZMTP 1.0 or 2.0, which MeshMQ does not implement. */
    UNSUPPORTED_VERSION(0x10000000),
    /** A frame or message larger than the allowed maximum. */
    MESSAGE_TOO_LARGE(0x10000000),
    /** The peer's socket type may not talk to ours. */
    INCOMPATIBLE_SOCKET_TYPE(0x10000000);

    private final int code;

    ProtocolError(int code) {
        this.code = code;
    }

    /**
     * Returns the libzmq monitor code ({@code ZMQ_PROTOCOL_ERROR_*}) for this reason.
     *
     * @return the code
     */
    public int code() {
        return code;
    }
}
