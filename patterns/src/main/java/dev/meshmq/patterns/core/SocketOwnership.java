package dev.meshmq.patterns.core;

import dev.meshmq.SocketType;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * Who may be inside a socket's calls. A classic socket admits one thread at a time: a second thread
 * entering while one is inside gets an {@link IllegalStateException} instead of corrupting state.
 * The thread-safe types (CLIENT, SERVER) take a lock instead, held while inside and released while
 * waiting for link events, so several threads may send and receive at once; a generation count of
 * handled event rounds lets a waiter tell that another thread handled the event it was waiting for.
 *
 * <p>Thread-safety: safe for any thread; that is its job.
 */
final class SocketOwnership {

    private final SocketType type;
    private final AtomicReference<Thread> inside = new AtomicReference<>();
    /** For the thread-safe types: held while inside the socket, released while waiting. Else null. */
    private final ReentrantLock lock;
    /** Thread-safe types: counts rounds of handled events, so a waiter can tell it missed one. */
    private volatile long eventGeneration;

    SocketOwnership(SocketType type) {
        this.type = type;
        this.lock = type.isThreadSafe() ? new ReentrantLock() : null;
    }

    /** Enters the socket: takes the lock, or claims the single-owner slot. */
    void enter() {
        if (lock != null) {
            lock.lock();
            return;
        }
        Thread current = Thread.currentThread();
        if (!inside.compareAndSet(null, current)) {
            throw new IllegalStateException("this " + type + " socket is in use by thread '" + inside.get()
                    + "'; the classic socket types allow one thread at a time");
        }
    }

    /**
     * Enters the socket if no other thread is inside (classic types) or the lock is free (CLIENT, SERVER),
     * without waiting.
     *
     * @return true if entered; then {@link #exit()} must follow
     */
    boolean tryEnter() {
        if (lock != null) {
            return lock.tryLock();
        }
        return inside.compareAndSet(null, Thread.currentThread());
    }

    /** Leaves the socket. */
    void exit() {
        if (lock != null) {
            lock.unlock();
            return;
        }
        inside.lazySet(null);
    }

    /**
     * Waits on the socket's inbox for an event, the socket's close, or the deadline; a thread-safe
     * socket's lock is released meanwhile.
     */
    void await(LinkEventInbox events, long deadline, BooleanSupplier closed) {
        if (lock == null) {
            events.await(deadline, () -> !events.isEmpty() || closed.getAsBoolean());
            return;
        }
        long seen = eventGeneration;
        lock.unlock();
        try {
            events.await(deadline, () -> !events.isEmpty() || closed.getAsBoolean() || eventGeneration != seen);
        } finally {
            lock.lock();
        }
    }

    /** Returns whether this is a classic socket: one thread inside at a time, no lock. */
    boolean isSingleOwner() {
        return lock == null;
    }

    /** A round of events was handled: other threads of a thread-safe socket may have slept on them. */
    void eventsHandled(LinkEventInbox events) {
        if (lock != null) {
            eventGeneration++;
            events.wakeOwners();
        }
    }
}
