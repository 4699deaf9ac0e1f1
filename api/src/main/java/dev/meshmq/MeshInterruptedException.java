package dev.meshmq;

/**
 * An application thread blocked in a send or receive was interrupted. The call ends with this
 * exception, the thread's interrupt status stays set, and the socket and all its connections keep
 * working: application threads never touch network channels, so an interrupt cannot close one.
 *
 * <p>Thread-safety: immutable once thrown.
 */
public class MeshInterruptedException extends MeshException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what happened, naming the socket, endpoint or value involved
     */
    public MeshInterruptedException(String message) {
        super(message);
    }

    /**
     * Creates the exception with a cause.
     *
     * @param message what happened
     * @param cause the underlying failure
     */
    public MeshInterruptedException(String message, Throwable cause) {
        super(message, cause);
    }
}
