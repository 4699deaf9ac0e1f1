package dev.meshmq;

/**
 * An operation is not allowed in the socket's current state, such as a REQ sending a second request
 * before it received the reply (libzmq's EFSM).
 *
 * <p>Thread-safety: immutable once thrown.
 */
public class SocketStateException extends MeshException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what happened
     */
    public SocketStateException(String message) {
        super(message);
    }
}
