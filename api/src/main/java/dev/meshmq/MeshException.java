package dev.meshmq;

/**
 * The base of every exception MeshMQ throws; unchecked, one subtype per cause.
 *
 * <p>Thread-safety: immutable once thrown.
 */
public class MeshException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what happened, naming the socket, endpoint or value involved
     */
    public MeshException(String message) {
        super(message);
    }

    /**
     * Creates the exception with a cause.
     *
     * @param message what happened
     * @param cause the underlying failure
     */
    public MeshException(String message, Throwable cause) {
        super(message, cause);
    }
}
