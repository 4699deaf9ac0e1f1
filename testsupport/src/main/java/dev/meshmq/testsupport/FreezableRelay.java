package dev.meshmq.testsupport;

import java.io.IOException;

/**
 * A TCP relay for tests that simulates a frozen peer or a cut cable: it forwards bytes both ways
 * between its clients and a target port until {@link #freeze()}, after which it keeps every
 * connection open but forwards nothing and accepts nobody; {@link #thaw()} resumes both. The
 * {@link FaultyRelay} with only its stall fault; use that class for the other faults.
 *
 * <p>Thread-safety: {@link #freeze()}, {@link #thaw()} and {@link #close()} from any thread; the relay
 * forwards on threads of its own.
 */
public final class FreezableRelay implements AutoCloseable {

    private final FaultyRelay relay;

    /**
     * Starts a relay on an ephemeral loopback port.
     *
     * @param targetPort the loopback port each client is connected to
     * @throws IOException if the relay's port cannot be opened
     */
    public FreezableRelay(int targetPort) throws IOException {
        this.relay = new FaultyRelay(targetPort);
    }

    /**
     * Returns the endpoint to connect to instead of the target.
     *
     * @return {@code tcp://127.0.0.1:port}
     */
    public String endpoint() {
        return relay.endpoint();
    }

    /** Stops forwarding and accepting; connections stay open. */
    public void freeze() {
        relay.stall();
    }

    /** Forwards and accepts again. */
    public void thaw() {
        relay.resume();
    }

    @Override
    public void close() throws IOException {
        relay.close();
    }
}
