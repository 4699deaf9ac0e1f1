package dev.meshmq.transport.curve;

/**
 * A box did not open: it is shorter than its tag, or its Poly1305 tag does not match (the box was
 * forged or tampered with, or sealed with another key or nonce). Nothing was decrypted.
 *
 * <p>It carries no stack trace, so a peer that floods bad boxes costs no stack walks.
 *
 * <p>Thread-safety: immutable.
 */
public final class BoxOpenException extends Exception {

    private static final long serialVersionUID = 1L;

    /**
     * Makes the exception.
     *
     * @param message what was wrong with the box
     */
    public BoxOpenException(String message) {
        super(message, null, false, false);
    }
}
