package dev.meshmq.bench;

/**
 * What {@link ConnectRateBench} connects to: a server that is bound and counts arrivals, and a way to
 * make fresh clients. A client connects and sends one 1-byte message; an arrival is the server having
 * that message in hand (for MeshMQ and JeroMQ: a PULL's {@code receive()} returned it, so the ZMTP
 * handshake is complete; for the NIO baseline: the accept loop accepted the connection and read its
 * byte).
 *
 * <p>Thread-safety: one measuring thread makes clients and awaits arrivals; {@link #abort()} may be
 * called from a watchdog thread.
 */
interface ConnectTarget extends AutoCloseable {

    /** The listen backlog every target sets, so a burst never overflows the kernel's accept queue. */
    int BACKLOG = 1024;

    /**
     * Creates a client that is not connected yet.
     *
     * @return the client
     */
    Client newClient();

    /**
     * Waits until {@code count} more clients have arrived at the server.
     *
     * @param count how many
     */
    void awaitArrivals(int count);

    /** Unblocks {@link #awaitArrivals} with an exception, from another thread; never blocks. */
    void abort();

    /** Closes the server and every client still open. */
    @Override
    void close();

    /** One client connection. Single owner: the measuring thread. */
    interface Client extends AutoCloseable {

        /** Connects to the server and sends one 1-byte message (queued until connected if need be). */
        void connectAndSend();

        /** Closes the client (for MeshMQ and JeroMQ the socket; the call does not wait for the peer). */
        @Override
        void close();
    }
}
