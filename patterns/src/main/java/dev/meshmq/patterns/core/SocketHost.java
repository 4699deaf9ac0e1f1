package dev.meshmq.patterns.core;

import dev.meshmq.Context;
import dev.meshmq.ContextClosedException;
import dev.meshmq.transport.TransportContext;

/**
 * What a socket needs from the context that created it: the transport, waiters that spin as the
 * context says, why the context broke (if it did), and where to report that the socket closed and
 * that its links linger. The context implements it, so the socket core does not know the context's
 * class, and the context alone knows every socket class.
 *
 * <p>Thread-safety: every method may be called from any thread.
 */
public interface SocketHost extends Context {

    /**
     * Returns the transport the sockets bind and connect through.
     *
     * @return the transport
     */
    TransportContext transport();

    /**
     * Returns a new waiter for a socket or poller, spinning as the context's settings say.
     *
     * @return the waiter
     */
    Waiter newWaiter();

    /**
     * Returns why the context closed itself, if an I/O thread died.
     *
     * @return the exception to throw, or null if the context was not broken
     */
    ContextClosedException brokenBy();

    /**
     * A socket is closing: its tracker is followed until nothing of it lingers.
     *
     * @param tracker the closing socket's tracker
     */
    void lingerStarted(LingerTracker tracker);

    /**
     * Nothing of a closed socket lingers any more.
     *
     * @param tracker the socket's tracker
     */
    void lingerEnded(LingerTracker tracker);

    /**
     * A socket closed; the context forgets it.
     *
     * @param socket the socket
     */
    void socketClosed(SocketBase socket);
}
