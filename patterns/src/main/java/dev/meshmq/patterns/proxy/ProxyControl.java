package dev.meshmq.patterns.proxy;

import dev.meshmq.MeshInterruptedException;

/**
 * The steering of a proxy: any thread asks for a state, the proxy thread takes it over at its next
 * look and acknowledges it, and {@link #request} can wait for that acknowledgement. Wakes the proxy
 * thread through a callback (its poller's wake-up), never through a socket.
 *
 * <p>Thread-safety: {@link #request} from any thread; {@link #takeOver()} and {@link #ended()} from the
 * proxy thread.
 */
final class ProxyControl {

    /** What the proxy is asked to do. */
    enum State {
        /** Forward messages. */
        RUNNING,
        /** Take nothing from the sockets. */
        PAUSED,
        /** End the thread. */
        TERMINATED
    }

    private final Runnable wake;
    private volatile State requested = State.RUNNING;
    /** The state the proxy thread works in; guarded by this. */
    private State acknowledged = State.RUNNING;

    ProxyControl(Runnable wake) {
        this.wake = wake;
    }

    /**
     * Asks for a state; a terminated proxy stays terminated.
     *
     * @param state the state wanted
     * @param awaitAcknowledgement wait until the proxy thread works in that state (or has ended)
     */
    void request(State state, boolean awaitAcknowledgement) {
        synchronized (this) {
            if (requested == State.TERMINATED) {
                return;
            }
            requested = state;
        }
        wake.run();
        if (!awaitAcknowledgement) {
            return;
        }
        synchronized (this) {
            while (acknowledged != state && acknowledged != State.TERMINATED) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new MeshInterruptedException("interrupted while waiting for the proxy thread");
                }
            }
        }
    }

    /** Proxy thread: returns the state asked for, acknowledging it. */
    State takeOver() {
        State state = requested;
        synchronized (this) {
            if (acknowledged != state) {
                acknowledged = state;
                notifyAll();
            }
        }
        return state;
    }

    /** Proxy thread: the thread is ending, for whatever reason; nobody waits any more. */
    synchronized void ended() {
        requested = State.TERMINATED;
        acknowledged = State.TERMINATED;
        notifyAll();
    }

    /** Returns whether the proxy thread has ended (or is about to). */
    synchronized boolean isEnded() {
        return acknowledged == State.TERMINATED;
    }
}
