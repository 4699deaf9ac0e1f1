package dev.meshmq;

/**
 * An endpoint string is malformed, names an unknown transport, or cannot be resolved; the message names the endpoint.
 *
 * <p>Thread-safety: immutable once thrown.
 */
public class InvalidEndpointException extends MeshException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what happened, naming the socket, endpoint or value involved
     */
    public InvalidEndpointException(String message) {
        super(message);
    }

    /**
     * Creates the exception with a cause.
     *
     * @param message what happened
     * @param cause the underlying failure
     */
    public InvalidEndpointException(String message, Throwable cause) {
        super(message, cause);
    }
}
