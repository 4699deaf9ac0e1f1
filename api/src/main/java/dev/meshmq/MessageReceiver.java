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
     * Receives without blocking the caller: the stage completes with the next message once one arrives.
     * No thread is created per socket or per call: one MeshMQ thread ({@code meshmq-async-N}), which
     * runs only while some async operation is pending in the process, makes non-blocking attempts and
     * parks between them on the same readiness wake-ups a {@link Poller} uses.
     *
     * <p><b>Ordering.</b> Stages of one socket complete in the order of the calls, each with the next
     * message in the order the socket delivers them, as successive {@link #receive()} calls would.
     *
     * <p><b>Cancellation.</b> Cancelling the stage ({@code toCompletableFuture().cancel(false)}) removes
     * the waiter: no message is taken for it, and the next pending receive gets the next message. So do
     * {@code complete}, {@code completeExceptionally} and {@code orTimeout} on it. Cancelling fails
     * (returns false) only when a message was already taken for the stage, which then completes with
     * it; a cancel that meets the MeshMQ thread in the middle of an attempt waits the few microseconds
     * until the attempt ends.
     *
     * <p><b>Threads.</b> The stage completes on the MeshMQ thread: actions added without an executor run
     * there, after it has left the socket (they may use the socket, say to send a reply), and must not
     * block for long, since every async socket waits meanwhile; use the {@code ...Async(action, executor)}
     * forms for slow work. A classic socket (not CLIENT or SERVER) admits one thread at a time: while it
     * has async operations pending, calls to it from another thread may meet the MeshMQ thread inside
     * and fail with {@link IllegalStateException}, as two application threads would; the MeshMQ thread
     * itself waits for such a call to end.
     *
     * <p><b>Errors.</b> The stage completes exceptionally with what {@link #receive()} would have thrown:
     * {@link SocketClosedException} or {@link ContextClosedException} when the socket or context closes
     * while it waits, {@link SocketStateException} if the pattern forbids receiving now (REQ before its
     * request).
     *
     * @return the stage of the next message
     */
    java.util.concurrent.CompletionStage<Message> receiveAsync();

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
