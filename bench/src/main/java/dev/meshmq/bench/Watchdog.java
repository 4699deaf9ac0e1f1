package dev.meshmq.bench;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * Runs one side of a benchmark on its own thread and waits for it with a deadline, so a hang in
 * either library becomes a reported failure instead of a stuck benchmark. On a timeout (or when a
 * peer process dies first) it runs an abort action, which closes the context to unblock the thread.
 */
final class Watchdog {

    private static final long POLL_MILLIS = 100;

    private Watchdog() {
    }

    static <T> FutureTask<T> start(String name, Callable<T> task) {
        FutureTask<T> future = new FutureTask<>(task);
        Thread thread = new Thread(future, name);
        thread.setDaemon(true);
        thread.start();
        return future;
    }

    static <T> T await(String what, FutureTask<T> future, long deadlineNanos, BooleanSupplier peerDead,
            Runnable abort) {
        try {
            while (true) {
                long left = deadlineNanos - System.nanoTime();
                if (left <= 0) {
                    abort.run();
                    throw new BenchFailure(what + " did not finish before its deadline (hang?)");
                }
                try {
                    return future.get(Math.min(left, TimeUnit.MILLISECONDS.toNanos(POLL_MILLIS)), TimeUnit.NANOSECONDS);
                } catch (TimeoutException e) {
                    if (peerDead.getAsBoolean()) {
                        abort.run();
                        throw new BenchFailure(what + " stopped: the peer process exited early");
                    }
                }
            }
        } catch (ExecutionException e) {
            abort.run();
            Throwable cause = e.getCause();
            throw new BenchFailure(what + " failed: " + cause, cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            abort.run();
            throw new BenchFailure(what + " interrupted", e);
        }
    }

    static long deadline(double seconds) {
        return System.nanoTime() + (long) (seconds * 1e9);
    }
}
