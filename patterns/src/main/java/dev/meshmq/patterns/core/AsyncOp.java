package dev.meshmq.patterns.core;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The stage of one async send or receive. Completing it from outside ({@link #cancel}, {@link #complete},
 * {@link #completeExceptionally}, and so {@code orTimeout}) withdraws the operation: the socket will not
 * take a message for it. Only while the async loop is making its one attempt for the operation does such
 * a call fail (return false), and the operation then completes as the attempt decides.
 *
 * <p>Thread-safety: safe for any thread; the state machine WAITING -> TRYING -> (WAITING | DONE) belongs
 * to the loop, WAITING -> WITHDRAWN to everyone else.
 *
 * @param <T> the result type
 */
final class AsyncOp<T> extends CompletableFuture<T> {

    private static final int WAITING = 0;
    private static final int TRYING = 1;
    private static final int DONE = 2;
    private static final int WITHDRAWN = 3;

    private final AtomicInteger state = new AtomicInteger(WAITING);
    private final Runnable onWithdraw;

    /** Creates a pending operation; {@code onWithdraw} tells the loop to drop it. */
    AsyncOp(Runnable onWithdraw) {
        this.onWithdraw = onWithdraw;
    }

    /** Loop: claims the operation for one attempt; false if it was withdrawn. */
    boolean beginAttempt() {
        return state.compareAndSet(WAITING, TRYING);
    }

    /** Loop: the attempt found nothing; the operation waits again. */
    void attemptFailed() {
        state.set(WAITING);
    }

    /** Loop: the attempt succeeded. */
    void succeed(T value) {
        state.set(DONE);
        super.complete(value);
    }

    /** Loop: the attempt failed for good (the socket closed, the pattern refused). */
    void fail(Throwable error) {
        state.set(DONE);
        super.completeExceptionally(error);
    }

    /** Whether the operation was withdrawn from outside. */
    boolean isWithdrawn() {
        return state.get() == WITHDRAWN;
    }

    private boolean withdraw() {
        if (!state.compareAndSet(WAITING, WITHDRAWN)) {
            return false;
        }
        onWithdraw.run();
        return true;
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        return withdraw() && super.cancel(mayInterruptIfRunning);
    }

    @Override
    public boolean complete(T value) {
        return withdraw() && super.complete(value);
    }

    @Override
    public boolean completeExceptionally(Throwable error) {
        return withdraw() && super.completeExceptionally(error);
    }

    @Override
    public void obtrudeValue(T value) {
        throw new UnsupportedOperationException("a MeshMQ async operation cannot be overwritten");
    }

    @Override
    public void obtrudeException(Throwable error) {
        throw new UnsupportedOperationException("a MeshMQ async operation cannot be overwritten");
    }
}
