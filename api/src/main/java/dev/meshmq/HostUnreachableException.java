package dev.meshmq;

/**
 * A message could not be routed: a ROUTER with ROUTER_MANDATORY, or a STREAM, got a routing id of
 * no connected peer (libzmq's EHOSTUNREACH).
 *
 * <p>Thread-safety: immutable once thrown.
 */
public class HostUnreachableException extends MeshException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what happened
     */
    public HostUnreachableException(String message) {
        super(message);
    }
}
