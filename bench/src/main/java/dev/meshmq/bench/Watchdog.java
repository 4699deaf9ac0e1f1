package dev.meshmq.bench;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs one side of a benchmark on its own thread and waits for it with a deadline, so a hang in
 * either library becomes a reported failure instead of a stuck benchmark. On a timeout it first writes
 * full thread dumps of this JVM and of the peer JVM (if any) to a file named in the failure
 * ({@link StallReport}), then runs an abort action, which closes the context to unblock the thread. When
 * the peer process dies first, or the task fails, it aborts without dumps.
 *
 * <p>Thread-safety: stateless; each call waits on the calling thread.
 */
final class Watchdog {

    /** A round without a peer JVM: never exits, has no dump. */
    static final Peer NO_PEER = new Peer() {
        @Override
        public boolean hasExited() {
            return false;
        }

        @Override
        public String threadDump() {
            return "";
        }
    };

    private static final long POLL_MILLIS = 100;

    private Watchdog() {
    }

    /** The other JVM of a round, as far as the watchdog cares. Callable from the watchdog's thread. */
    interface Peer {

        /**
         * Tells whether the peer process has ended.
         *
         * @return true once it has exited
         */
        boolean hasExited();

        /**
         * Takes a full thread dump of the peer JVM; waits a few seconds at most.
         *
         * @return the dump, or a line saying why there is none
         */
        String threadDump();
    }

    static <T> FutureTask<T> start(String name, Callable<T> task) {
        FutureTask<T> future = new FutureTask<>(task);
        Thread thread = new Thread(future, name);
        thread.setDaemon(true);
        thread.start();
        return future;
    }

    static <T> T await(String what, FutureTask<T> future, long deadlineNanos, Peer peer, Runnable abort) {
        try {
            while (true) {
                long left = deadlineNanos - System.nanoTime();
                if (left <= 0) {
                    String stall = what + " did not finish before its deadline (hang?)";
                    Path dump = StallReport.write(stall, peer);
                    abort.run();
                    throw new BenchFailure(stall + "; " + StallReport.describe(dump), dump);
                }
                try {
                    return future.get(Math.min(left, TimeUnit.MILLISECONDS.toNanos(POLL_MILLIS)), TimeUnit.NANOSECONDS);
                } catch (TimeoutException e) {
                    if (peer.hasExited()) {
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
