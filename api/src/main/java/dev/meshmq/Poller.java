package dev.meshmq;

import java.time.Duration;
import java.util.List;

/**
 * Waits on several sockets at once until one can receive without waiting, or send without
 * waiting, or a timeout passes. Idle waiting costs no CPU: the calling thread parks until a
 * registered socket has news. A socket closed while registered is reported as ready with
 * {@link ReadySocket#closed()} set, never waited on.
 *
 * <pre>{@code
 * try (Poller poller = context.createPoller()) {
 *     poller.register(frontend, Poller.Interest.RECEIVE);
 *     poller.register(backend, Poller.Interest.RECEIVE);
 *     for (ReadySocket ready : poller.poll(Duration.ofSeconds(1))) {
 *         if (ready.socket() == frontend) { ... frontend.receive() ... }
 *     }
 * }
 * }</pre>
 *
 * <p>Thread-safety: single owner, like the classic sockets it polls, and it must be the thread that
 * uses those sockets; except {@link #wakeup()}, which any thread may call.
 */
public interface Poller extends AutoCloseable {

    /** What a registration waits for. */
    enum Interest {
        /** A message can be received without waiting. */
        RECEIVE,
        /** A message can be sent without waiting. */
        SEND,
        /** Either. */
        RECEIVE_OR_SEND
    }

    /**
     * Registers a socket, or changes what it is polled for.
     *
     * @param socket a socket of this poller's context
     * @param interest what to wait for
     * @return this poller
     * @throws IllegalArgumentException if the socket is not a MeshMQ socket of this context, or the
     *     interest does not fit its type (RECEIVE on a PUSH socket, SEND on a PULL socket)
     */
    Poller register(Socket socket, Interest interest);

    /**
     * Removes a socket.
     *
     * @param socket the socket
     * @return true if it was registered
     */
    boolean unregister(Socket socket);

    /**
     * Waits until at least one registered socket is ready, or the timeout passes.
     *
     * @param timeout how long to wait; zero checks without waiting
     * @return the ready sockets, in registration order; empty if the timeout passed
     * @throws MeshInterruptedException if the thread is interrupted while waiting
     * @throws ContextClosedException if the poller's context is closed, before the poll or during it
     *     (from another thread), as every other blocking call of a closed context does
     */
    List<ReadySocket> poll(Duration timeout);

    /**
     * Makes a {@link #poll} in progress on the owner thread return at once (with what is ready, possibly
     * nothing), or the next one if none is in progress. The only method of a poller that any thread may
     * call; use it to steer a polling thread from outside, after setting a flag it checks.
     */
    void wakeup();

    /** Unregisters every socket. The sockets themselves stay open. */
    @Override
    void close();

    /**
     * A socket that {@link #poll} found ready.
     *
     * <p>Thread-safety: immutable.
     *
     * @param socket the socket
     * @param receivable a message can be received without waiting
     * @param sendable a message can be sent without waiting
     * @param closed the socket was closed (a closed context ends the poll with {@link ContextClosedException})
     */
    record ReadySocket(Socket socket, boolean receivable, boolean sendable, boolean closed) {
    }
}
