package dev.meshmq.examples;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.Objects;

/**
 * The streams a command reads and writes: the process's own in {@link Main#main}, captured ones in
 * tests.
 *
 * <p>Thread-safety: immutable; the streams themselves are as thread-safe as {@link PrintStream}.
 *
 * @param in where {@code send} reads messages when none are given as arguments
 * @param out where results go
 * @param err where errors and notes (such as a bound endpoint) go
 */
public record Console(InputStream in, PrintStream out, PrintStream err) {

    /**
     * Checks that every stream is there.
     *
     * @param in standard input
     * @param out standard output
     * @param err standard error
     */
    public Console {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(err, "err");
    }

    /**
     * Returns the process's standard streams.
     *
     * @return the console of this process
     */
    public static Console system() {
        return new Console(System.in, System.out, System.err);
    }
}
