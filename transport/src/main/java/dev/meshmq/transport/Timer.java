package dev.meshmq.transport;

/**
 * A task scheduled on an {@link IoThread}, cancellable.
 *
 * <p>Thread-safety: created, run and cancelled on its I/O thread only.
 */
public final class Timer implements Comparable<Timer> {

    private final long deadlineNanos;
    private final long sequence;
    private final Runnable task;
    private boolean cancelled;

    Timer(long deadlineNanos, long sequence, Runnable task) {
        this.deadlineNanos = deadlineNanos;
        this.sequence = sequence;
        this.task = task;
    }

    /** Stops the task from running if it has not run yet. */
    public void cancel() {
        cancelled = true;
    }

    boolean isCancelled() {
        return cancelled;
    }

    long deadlineNanos() {
        return deadlineNanos;
    }

    void run() {
        if (!cancelled) {
            cancelled = true;
            task.run();
        }
    }

    @Override
    public int compareTo(Timer other) {
        int byDeadline = Long.compare(deadlineNanos - other.deadlineNanos, 0);
        return byDeadline != 0 ? byDeadline : Long.compare(sequence, other.sequence);
    }

    @Override
    public boolean equals(Object other) {
        return this == other;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(sequence);
    }
}
