package dev.meshmq;

import java.time.Duration;

/**
 * Sending: blocking, timed and non-blocking. Where the pattern blocks at the high-water mark, the
 * blocking form waits, the timed form gives up after its timeout and the non-blocking form returns
 * false; no message is ever half sent.
 *
 * <p>Thread-safety: as for the socket that implements it.
 */
public interface MessageSender {

    /**
     * Sends a message, waiting as long as the pattern requires.
     *
     * @param message the message
     * @throws MeshInterruptedException if the thread is interrupted while waiting
     * @throws SocketClosedException if the socket is closed
     * @throws ContextClosedException if the context closes
     */
    void send(Message message);

    /**
     * Sends a message, waiting at most {@code timeout}.
     *
     * @param message the message
     * @param timeout how long to wait; zero means do not wait
     * @return true if sent, false if the timeout passed first (nothing was sent)
     * @throws MeshInterruptedException if the thread is interrupted while waiting
     */
    boolean send(Message message, Duration timeout);

    /**
     * Sends a message if that can be done without waiting.
     *
     * @param message the message
     * @return true if sent, false if the socket would have to wait (nothing was sent)
     */
    default boolean trySend(Message message) {
        return send(message, Duration.ZERO);
    }

    /**
     * Sends a single-frame message with a copy of {@code body}.
     *
     * @param body the bytes
     */
    default void send(byte[] body) {
        send(Message.of(body));
    }

    /**
     * Sends a single-frame message with the UTF-8 bytes of {@code body}.
     *
     * @param body the text
     */
    default void send(String body) {
        send(Message.of(body));
    }
}
