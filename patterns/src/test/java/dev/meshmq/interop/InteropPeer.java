package dev.meshmq.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;

/**
 * A ZeroMQ peer from another implementation, running one {@link PeerSpec} and reporting events as
 * lines: {@code BOUND <endpoint>}, {@code MSG <frames>} (see {@link PeerFormat}), {@code DONE}.
 */
interface InteropPeer extends AutoCloseable {

    /** Returns the next line, failing the test if none comes within {@code timeout}. */
    String awaitLine(Duration timeout);

    /**
     * Returns what follows {@code prefix} in the next line, failing the test if that line does not
     * start with it or does not come within {@code timeout}.
     */
    String awaitPrefix(String prefix, Duration timeout);

    /** Waits for the peer to end and returns its exit status (0 = success), failing the test on timeout. */
    int awaitExit(Duration timeout);

    /** Describes the peer's state for failure messages: exit status, error output. */
    String diagnostics();

    /** Waits for the {@code DONE} line and a successful exit. */
    default void awaitDone(Duration timeout) {
        assertEquals("DONE", awaitLine(timeout), this::diagnostics);
        assertEquals(0, awaitExit(timeout), this::diagnostics);
    }

    /** Stops the peer if it still runs. */
    @Override
    void close();
}
