package dev.meshmq.examples;

import java.time.Duration;

/**
 * Starting and joining the examples' threads, with a bound on every wait.
 *
 * <p>Thread-safety: stateless.
 */
public final class Threads {

    private Threads() {
    }

    public static Thread start(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.start();
        return thread;
    }

    public static void join(Thread thread, Duration timeout) {
        try {
            thread.join(timeout.toMillis());
            if (thread.isAlive()) {
                throw new IllegalStateException(thread.getName() + " did not finish within " + timeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + thread.getName(), e);
        }
    }
}
