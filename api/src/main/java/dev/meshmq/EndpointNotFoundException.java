package dev.meshmq;

/**
 * An unbind or disconnect named an endpoint this socket is not bound or connected to (libzmq's ENOENT).
 *
 * <p>Thread-safety: immutable once thrown.
 */
public class EndpointNotFoundException extends MeshException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what happened, naming the socket, endpoint or value involved
     */
    public EndpointNotFoundException(String message) {
        super(message);
    }

    /**
     * Creates the exception with a cause.
     *
     * @param message what happened
     * @param cause the underlying failure
     */
    public EndpointNotFoundException(String message, Throwable cause) {
        super(message, cause);
    }
}
