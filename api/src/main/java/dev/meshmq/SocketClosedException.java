package dev.meshmq;

/**
 * The socket was closed before or during the call.
 *
 * <p>Thread-safety: immutable once thrown.
 */
public class SocketClosedException extends MeshException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what happened, naming the socket, endpoint or value involved
     */
    public SocketClosedException(String message) {
        super(message);
    }

    /**
     * Creates the exception with a cause.
     *
     * @param message what happened
     * @param cause the underlying failure
     */
    public SocketClosedException(String message, Throwable cause) {
        super(message, cause);
    }
}
