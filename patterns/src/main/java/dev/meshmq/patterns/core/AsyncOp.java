package dev.meshmq.patterns.core;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The stage of one async send or receive. Completing it from outside ({@link #cancel}, {@link #complete},
 * {@link #completeExceptionally}, and so {@code orTimeout}) withdraws the operation: the socket will not
 * take a message for it. If the async loop is making an attempt for the operation at that moment, the
 * call waits for the attempt to end (an attempt never blocks): it withdraws the operation if the attempt
 * found nothing, and fails (returns false) only if the attempt completed it.
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

    /** Spins before a waiting canceller starts yielding its processor to the attempting thread. */
    private static final int SPINS_BEFORE_YIELD = 64;

    private final AtomicInteger state = new AtomicInteger(WAITING);
    private final Runnable onWithdraw;
    /** The loop thread while it attempts this operation, so that it never waits for itself. */
    private volatile Thread attempting;

    /** Creates a pending operation; {@code onWithdraw} tells the loop to drop it. */
    AsyncOp(Runnable onWithdraw) {
        this.onWithdraw = onWithdraw;
    }

    /** Loop: claims the operation for one attempt; false if it was withdrawn. */
    boolean beginAttempt() {
        attempting = Thread.currentThread();
        if (state.compareAndSet(WAITING, TRYING)) {
            return true;
        }
        attempting = null;
        return false;
    }

    /** Loop: the attempt found nothing; the operation waits again. */
    void attemptFailed() {
        attempting = null;
        state.set(WAITING);
    }

    /**
     * Loop: the attempt succeeded. The state is DONE before the loop leaves the socket, so that a
     * canceller waiting for the attempt sees it taken; the stage completes later, outside the socket.
     */
    void attemptSucceeded() {
        attempting = null;
        state.set(DONE);
    }

    /** Loop: completes an operation whose attempt succeeded. */
    void succeed(T value) {
        state.set(DONE);
        super.complete(value);
    }

    /** Loop: the attempt failed for good (the socket closed, the pattern refused). */
    void fail(Throwable error) {
        attempting = null;
        state.set(DONE);
        super.completeExceptionally(error);
    }

    /** Whether the operation was withdrawn from outside. */
    boolean isWithdrawn() {
        return state.get() == WITHDRAWN;
    }

    private boolean withdraw() {
        int spins = 0;
        while (!state.compareAndSet(WAITING, WITHDRAWN)) {
            if (state.get() != TRYING || attempting == Thread.currentThread()) {
                return false;
            }
            if (++spins < SPINS_BEFORE_YIELD) {
                Thread.onSpinWait();
            } else {
                Thread.yield();
            }
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
