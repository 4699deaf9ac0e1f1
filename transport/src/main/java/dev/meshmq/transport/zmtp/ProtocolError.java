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
    /** A command frame that cannot be parsed. */
    MALFORMED_COMMAND_UNSPECIFIED(0x10000011),
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
