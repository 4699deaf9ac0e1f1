package dev.meshmq.transport;

/**
 * Counts connections, connectors and listeners that are still alive, so that closing a context can
 * wait, with a deadline, until every one has finished lingering.
 *
 * <p>Thread-safety: safe for any thread.
 */
final class ActivityCounter {

    private int active;

    synchronized void started() {
        active++;
    }

    synchronized void finished() {
        active--;
        if (active <= 0) {
            notifyAll();
        }
    }

    synchronized int active() {
        return active;
    }

    /**
     * Waits until nothing is active.
     *
     * @param timeoutNanos the longest wait
     * @return true if nothing is active any more
     */
    synchronized boolean awaitIdle(long timeoutNanos) {
        long deadline = System.nanoTime() + timeoutNanos;
        boolean interrupted = false;
        try {
            while (active > 0) {
                long leftNanos = deadline - System.nanoTime();
                if (leftNanos <= 0) {
                    return false;
                }
                try {
                    wait(Math.max(1, leftNanos / 1_000_000));
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            return true;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
