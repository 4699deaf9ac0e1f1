package dev.meshmq;

/**
 * The context was closed: the call cannot proceed (libzmq's ETERM). Calls blocked when the context
 * closes end with this.
 *
 * <p>Thread-safety: immutable once thrown.
 */
public class ContextClosedException extends MeshException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what happened, naming the socket, endpoint or value involved
     */
    public ContextClosedException(String message) {
        super(message);
    }

    /**
     * Creates the exception with a cause.
     *
     * @param message what happened
     * @param cause the underlying failure
     */
    public ContextClosedException(String message, Throwable cause) {
        super(message, cause);
    }
}
