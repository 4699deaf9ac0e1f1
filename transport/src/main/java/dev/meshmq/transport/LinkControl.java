package dev.meshmq.transport;

/**
 * How the socket side closes the far end of a {@link PeerLink}: the engine, connector or inproc peer
 * behind it.
 *
 * <p>Thread-safety: callable from any thread.
 */
public interface LinkControl {

    /**
     * Closes the link's connection once what is queued towards the peer has been sent, or after
     * {@code lingerNanos}, whichever comes first; 0 closes at once. Stops any reconnecting.
     *
     * @param lingerNanos the longest time to keep sending
     */
    void terminate(long lingerNanos);
}
