package dev.meshmq;

import java.time.Duration;
import java.util.Optional;

/**
 * Receiving: blocking, timed and non-blocking; a message always arrives whole.
 *
 * <p>Thread-safety: as for the socket that implements it.
 */
public interface MessageReceiver {

    /**
     * Waits for the next message.
     *
     * @return the message
     * @throws MeshInterruptedException if the thread is interrupted while waiting
     * @throws SocketClosedException if the socket is closed
     * @throws ContextClosedException if the context closes
     */
    Message receive();

    /**
     * Waits at most {@code timeout} for the next message.
     *
     * @param timeout how long to wait; zero means do not wait
     * @return the message, or empty if none came in time
     * @throws MeshInterruptedException if the thread is interrupted while waiting
     */
    Optional<Message> receive(Duration timeout);

    /**
     * Returns the next message if one is already queued.
     *
     * @return the message, or empty
     */
    default Optional<Message> tryReceive() {
        return receive(Duration.ZERO);
    }

    /**
     * Waits for the next message and decodes its first frame as UTF-8.
     *
     * @return the text of the first frame
     */
    default String receiveString() {
        return receive().string(0);
    }
}
