package dev.meshmq;

/**
 * A bind failed because the address is not one this machine has (libzmq's EADDRNOTAVAIL, "Cannot
 * assign requested address"): no local interface carries that IP address. The message names the
 * endpoint. This is not {@link AddressInUseException}: binding again will not help until the
 * address is configured on an interface.
 *
 * <p>Thread-safety: immutable once thrown.
 */
public class AddressNotAvailableException extends MeshException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what happened, naming the endpoint
     */
    public AddressNotAvailableException(String message) {
        super(message);
    }

    /**
     * Creates the exception with a cause.
     *
     * @param message what happened, naming the endpoint
     * @param cause the underlying failure
     */
    public AddressNotAvailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
