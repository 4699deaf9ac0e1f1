package dev.meshmq.transport.zmtp;

import java.util.Objects;

/**
 * The peer broke ZMTP; the connection must be closed. Carries the {@link ProtocolError} reason.
 *
 * <p>Threading: immutable once thrown.
 */
public final class ZmtpProtocolException extends Exception {

    private static final long serialVersionUID = 1L;

    private final ProtocolError error;

    /**
     * Creates the exception.
     *
     * @param error the reason
     * @param message what exactly was wrong, with the offending values
     */
    public ZmtpProtocolException(ProtocolError error, String message) {
        super(message);
        this.error = Objects.requireNonNull(error, "error");
    }

    /**
     * Returns the reason.
     *
     * @return the reason
     */
    public ProtocolError error() {
        return error;
    }
}
