package dev.meshmq;

/**
 * A connection or operation is not allowed for this socket type (for example a second peer on a PAIR socket).
 *
 * <p>Thread-safety: immutable once thrown.
 */
public class IncompatibleSocketException extends MeshException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what happened, naming the socket, endpoint or value involved
     */
    public IncompatibleSocketException(String message) {
        super(message);
    }

    /**
     * Creates the exception with a cause.
     *
     * @param message what happened
     * @param cause the underlying failure
     */
    public IncompatibleSocketException(String message, Throwable cause) {
        super(message, cause);
    }
}
