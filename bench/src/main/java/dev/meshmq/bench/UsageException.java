package dev.meshmq.bench;

/** A bad command line: the message is the one line printed on stderr before exiting with code 2. */
final class UsageException extends Exception {

    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }
}
