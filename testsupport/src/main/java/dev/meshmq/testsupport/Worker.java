package dev.meshmq.testsupport;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A task on its own thread whose outcome (value or exception) a test can wait for with a timeout.
 *
 * <p>Thread-safety: started and awaited by the test thread; the outcome is handed over through a
 * future.
 */
public final class Worker<T> {

    /** Where a receiving thread blocks when it watches its connection itself. */
    private static final String SELECTOR_WAIT_CLASS = "dev.meshmq.transport.ReceiveSelector";

    private final Thread thread;
    private final CompletableFuture<T> outcome = new CompletableFuture<>();
    private volatile boolean interruptedAfterwards;

    private Worker(String name, Callable<T> task) {
        thread = new Thread(() -> run(task), name);
        thread.setDaemon(true);
    }

    /** Starts {@code task} on a new thread. */
    public static <T> Worker<T> start(String name, Callable<T> task) {
        Worker<T> worker = new Worker<>(name, task);
        worker.thread.start();
        return worker;
    }

    private void run(Callable<T> task) {
        try {
            T value = task.call();
            interruptedAfterwards = Thread.currentThread().isInterrupted();
            outcome.complete(value);
        } catch (Exception | AssertionError e) {
            interruptedAfterwards = Thread.currentThread().isInterrupted();
            outcome.completeExceptionally(e);
        }
    }

    public Thread thread() {
        return thread;
    }

    public boolean isDone() {
        return outcome.isDone();
    }

    /** Whether the thread's interrupt flag was set when the task ended (before the thread cleaned up). */
    public boolean wasInterruptedAtEnd() {
        return interruptedAfterwards;
    }

    /**
     * Waits until the thread is blocked in a call that waits: parked, or inside a native selector wait of a
     * receive that watches its connection itself (the thread is then RUNNABLE to the JVM).
     */
    public void awaitBlocked() {
        await().atMost(Duration.ofSeconds(5)).until(this::isBlocked);
    }

    private boolean isBlocked() {
        Thread.State state = thread.getState();
        if (state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING) {
            return true;
        }
        StackTraceElement[] stack = thread.getStackTrace();
        if (state != Thread.State.RUNNABLE || stack.length == 0 || !stack[0].isNativeMethod()) {
            return false;
        }
        for (StackTraceElement frame : stack) {
            if (frame.getClassName().equals(SELECTOR_WAIT_CLASS) && frame.getMethodName().equals("await")) {
                return true;
            }
        }
        return false;
    }

    /** Waits for the task to return and gives its value; fails if it threw or did not end in time. */
    public T value(Duration timeout) {
        try {
            return outcome.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("task " + thread.getName() + " failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("task " + thread.getName() + " did not end within " + timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Waits for the task to end by throwing, and gives the exception; fails if it returned or hung. */
    public Throwable failure(Duration timeout) {
        try {
            T value = outcome.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            throw new AssertionError("task " + thread.getName() + " returned " + value + " instead of failing");
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (TimeoutException e) {
            throw new AssertionError("task " + thread.getName() + " did not end within " + timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Interrupts the thread if it still runs and waits a little for it to end. */
    public void stop() {
        if (!outcome.isDone()) {
            thread.interrupt();
        }
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
