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
     * Sends without blocking the caller: the stage completes once the pattern took the message, that
     * is, when {@link #send(Message)} would have returned. Driven by the same MeshMQ thread as
     * {@link MessageReceiver#receiveAsync()}; what is said there about threads, cancellation and errors
     * holds here too, with {@link #send(Message)}'s exceptions.
     *
     * <p><b>Back-pressure.</b> Where the pattern blocks at the high-water mark, the message waits
     * outside the socket's queue and the stage stays incomplete until the queue has room and the message
     * is in it; the stages of later sends complete after it. Wait for the stage (or for a window of
     * stages) before sending more to bound what waits in memory. Where the pattern drops instead of
     * blocking (PUB, ROUTER without ROUTER_MANDATORY), the stage completes at once, as {@code send} returns.
     *
     * <p><b>Ordering.</b> Messages of one socket go out in the order of the calls, and their stages
     * complete in that order. A pending send is attempted before a pending receive, so a REQ socket's
     * {@code sendAsync(request)} followed at once by {@code receiveAsync()} works.
     *
     * <p><b>Cancellation.</b> Cancelling a stage that has not completed withdraws its message: it is
     * never sent, and the sends after it go on.
     *
     * @param message the message
     * @return the stage, completed with null once the message is queued
     */
    java.util.concurrent.CompletionStage<Void> sendAsync(Message message);

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
