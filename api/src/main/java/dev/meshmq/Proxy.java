package dev.meshmq;

/**
 * Forwards messages between two sockets on a thread of its own, as a broker in the middle of a
 * topology: XSUB frontend and XPUB backend (messages flow from the XSUB to the XPUB, subscriptions
 * from the XPUB to the XSUB), ROUTER frontend and DEALER backend (requests one way, replies the other),
 * PULL frontend and PUSH backend (one way). In general every message a side can receive is sent to the
 * other side if that side can send. An optional capture socket gets a copy of every forwarded message.
 * Obtain one with {@link Context#createProxy(Socket, Socket)}; it runs from then on.
 *
 * <pre>{@code
 * XSubSocket frontend = context.createXSub();
 * XPubSocket backend = context.createXPub();
 * frontend.connect("tcp://publisher:5556");
 * backend.bind("tcp://*:5557");
 * try (Proxy proxy = context.createProxy(frontend, backend)) {
 *     ...                      // the proxy forwards until it is terminated
 * }                            // close() terminates it; the sockets are still open here
 * }</pre>
 *
 * <p>The proxy never waits for a full side: a message the destination cannot take yet (its high-water
 * mark) is held until it has room, and meanwhile nothing more is read from the source, so messages queue
 * up in the source socket as they would without the proxy. A publisher-type destination (PUB, XPUB
 * without XPUB_NODROP) drops for its full subscribers as usual. Messages are never reordered.
 *
 * <p>Ownership: the caller keeps owning the sockets, including the capture socket, and closes them after
 * the proxy is terminated; the proxy never closes them. While the proxy runs, they belong to the proxy's
 * thread: do not send, receive, bind, connect or set options on them from another thread until
 * {@link #terminate()} has returned (statistics such as {@link PubSocket#publisherStatistics()} stay
 * readable). If a socket is closed while the proxy runs, the proxy stops by itself.
 *
 * <p>Thread-safety: every method of this interface is safe from any thread.
 */
public interface Proxy extends AutoCloseable {

    /**
     * Stops forwarding: after this returns, the proxy takes no message from either socket until
     * {@link #resume()}. Messages arriving meanwhile wait in the sockets (subject to their high-water
     * marks). Does nothing if already paused or terminated.
     *
     * @throws MeshInterruptedException if the calling thread is interrupted while waiting for the proxy
     *     thread to acknowledge
     */
    void pause();

    /** Resumes forwarding after {@link #pause()}; does nothing if running or terminated. */
    void resume();

    /**
     * Stops the proxy and returns after its thread has ended; the sockets are then the caller's again,
     * open, with any messages the proxy had not taken still in them. A message the proxy had already taken
     * from one socket but the other could not accept yet (high-water mark) is discarded and counted in
     * {@link ProxyStatistics#messagesDiscarded()}. Idempotent.
     *
     * @throws MeshInterruptedException if the calling thread is interrupted while waiting
     */
    void terminate();

    /**
     * Returns whether the proxy thread is still running (paused counts as running).
     *
     * @return false once terminated, or stopped because a socket or the context was closed
     */
    boolean isRunning();

    /**
     * Returns what the proxy has forwarded so far. Safe from any thread, also after termination.
     *
     * @return a snapshot of the counters
     */
    ProxyStatistics statistics();

    /** Same as {@link #terminate()}. */
    @Override
    void close();
}
