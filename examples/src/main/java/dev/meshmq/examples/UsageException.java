package dev.meshmq.examples;

/**
 * A command's arguments do not fit together (found after parsing, such as {@code send} with no
 * endpoint); the command line exits with status {@value Commands#USAGE}.
 *
 * <p>Thread-safety: immutable once thrown.
 */
public final class UsageException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what is wrong with the arguments, in one line
     */
    public UsageException(String message) {
        super(message);
    }
}
