package dev.meshmq;

/**
 * A bind failed because the address is already in use (libzmq's EADDRINUSE); the message names the endpoint.
 *
 * <p>Thread-safety: immutable once thrown.
 */
public class AddressInUseException extends MeshException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what happened, naming the socket, endpoint or value involved
     */
    public AddressInUseException(String message) {
        super(message);
    }

    /**
     * Creates the exception with a cause.
     *
     * @param message what happened
     * @param cause the underlying failure
     */
    public AddressInUseException(String message, Throwable cause) {
        super(message, cause);
    }
}
