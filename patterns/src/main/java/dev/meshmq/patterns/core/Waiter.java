package dev.meshmq.patterns.core;

import dev.meshmq.MeshInterruptedException;
import dev.meshmq.transport.DirectReceive;
import dev.meshmq.transport.ReceiveSelector;
import dev.meshmq.transport.SpinGovernor;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Parks the threads waiting on a socket (or a poller) until something happens to it, and unparks
 * them when another thread posts an event. A thread that is not parked is never unparked. Classic
 * sockets have at most one waiting thread; thread-safe ones (CLIENT, SERVER) may have several, and
 * all are woken to look again. Before parking, a waiter spins for up to its spin time, checking
 * whether there is work and yielding the processor between checks: a thread that is not parked yet
 * needs no unpark, and work that arrives within the spin time is seen without a wake-up.
 *
 * <p>A receiving thread may instead wait on its socket's one connection itself ({@link #awaitReading}): it reads
 * the channel while it spins and then blocks in the socket's {@link ReceiveSelector}, which {@link #wake} wakes.
 *
 * <p>Thread-safety: {@link #await} from any thread that uses the socket; {@link #wake} from any thread.
 */
public final class Waiter {

    private final Set<Thread> parked = ConcurrentHashMap.newKeySet();
    /** The selector a thread in {@link #awaitReading} blocks in, and that thread; null while none does. */
    private volatile ReceiveSelector reading;
    private volatile Thread readingThread;
    private final long spinNanos;
    private final SpinGovernor spinGovernor;

    /**
     * Creates a waiter.
     *
     * @param spinNanos how long {@link #await} checks for work before it parks; 0 for not at all
     */
    public Waiter(long spinNanos) {
        this(spinNanos, SpinGovernor.always());
    }

    /**
     * Creates a waiter that spins only while {@code governor} allows it.
     *
     * @param spinNanos how long {@link #await} checks for work before it parks; 0 for not at all
     * @param governor shared with the context's other waiting threads
     */
    public Waiter(long spinNanos, SpinGovernor governor) {
        this.spinNanos = spinNanos;
        this.spinGovernor = governor;
    }

    /**
     * Parks until woken, the deadline passes, or the thread is interrupted, unless {@code ready}
     * already says there is work.
     *
     * @param deadlineNanos System.nanoTime() deadline, or Long.MAX_VALUE for none
     * @param ready checked after announcing the wait, so a wake between check and park is not lost
     * @throws MeshInterruptedException if the thread is interrupted; its interrupt status stays set
     */
    public void await(long deadlineNanos, BooleanSupplier ready) {
        Thread current = Thread.currentThread();
        if (spinNanos > 0 && spinUntilReady(deadlineNanos, ready, current)) {
            return;
        }
        parked.add(current);
        try {
            if (ready.getAsBoolean()) {
                return;
            }
            if (current.isInterrupted()) {
                throw new MeshInterruptedException("interrupted while waiting on a socket");
            }
            if (deadlineNanos == Long.MAX_VALUE) {
                LockSupport.park(this);
            } else {
                long left = deadlineNanos - System.nanoTime();
                if (left > 0) {
                    LockSupport.parkNanos(this, left);
                }
            }
            if (current.isInterrupted()) {
                throw new MeshInterruptedException("interrupted while waiting on a socket");
            }
        } finally {
            parked.remove(current);
        }
    }

    /** Checks {@code ready} while yielding, until it holds (true) or the spin time or deadline is over. */
    private boolean spinUntilReady(long deadlineNanos, BooleanSupplier ready, Thread current) {
        if (!spinGovernor.trySpin()) {
            return false;
        }
        try {
            return pollUntilReady(deadlineNanos, ready, current);
        } finally {
            spinGovernor.spinEnded();
        }
    }

    private boolean pollUntilReady(long deadlineNanos, BooleanSupplier ready, Thread current) {
        long end = System.nanoTime() + spinNanos;
        if (deadlineNanos != Long.MAX_VALUE && deadlineNanos - end < 0) {
            end = deadlineNanos;
        }
        while (!current.isInterrupted()) {
            if (ready.getAsBoolean()) {
                return true;
            }
            if (System.nanoTime() - end >= 0) {
                return false;
            }
            Thread.yield();
        }
        return false;
    }

    /**
     * Waits as {@link #await} does, but reads {@code direct}'s connection itself instead of parking: while it
     * spins it reads whatever the channel has, then it blocks in {@code selector} until the channel is readable,
     * {@link #wake} is called, the thread is interrupted or the deadline passes, and reads again. Decoded messages
     * reach the socket as events, so {@code ready} sees them. It returns early, as a spurious wake-up, when the
     * connection can no longer be read directly; the caller then waits the usual way.
     *
     * @param deadlineNanos System.nanoTime() deadline, or Long.MAX_VALUE for none
     * @param ready checked after announcing the wait, so a wake between check and block is not lost
     * @param direct the connection's direct reads, begun by the caller ({@link DirectReceive#begin})
     * @param selector the socket's selector, watching the connection
     * @throws MeshInterruptedException if the thread is interrupted; its interrupt status stays set
     */
    public void awaitReading(long deadlineNanos, BooleanSupplier ready, DirectReceive direct,
            ReceiveSelector selector) {
        Thread current = Thread.currentThread();
        if (spinNanos > 0 && spinGovernor.trySpin()) {
            try {
                if (readUntilReady(deadlineNanos, ready, direct, selector, current)) {
                    return;
                }
            } finally {
                spinGovernor.spinEnded();
            }
        }
        readingThread = current;
        reading = selector;
        try {
            if (ready.getAsBoolean()) {
                return; // bytes already in the kernel make the selector return at once: no read before it
            }
            if (current.isInterrupted()) {
                throw new MeshInterruptedException("interrupted while waiting on a socket");
            }
            direct.await(selector, deadlineNanos);
            direct.readNow(selector);
            if (current.isInterrupted()) {
                throw new MeshInterruptedException("interrupted while waiting on a socket");
            }
        } finally {
            reading = null;
            readingThread = null;
        }
    }

    /** The spin of {@link #awaitReading}: reads the channel between checks; true if the wait is over. */
    private boolean readUntilReady(long deadlineNanos, BooleanSupplier ready, DirectReceive direct,
            ReceiveSelector selector, Thread current) {
        long end = System.nanoTime() + spinNanos;
        if (deadlineNanos != Long.MAX_VALUE && deadlineNanos - end < 0) {
            end = deadlineNanos;
        }
        while (!current.isInterrupted()) {
            if (ready.getAsBoolean() || !direct.readNow(selector) || ready.getAsBoolean()) {
                return true;
            }
            if (System.nanoTime() - end >= 0) {
                return false;
            }
            Thread.yield();
        }
        return false;
    }

    /** Unparks every waiting thread, and wakes one blocked in {@link #awaitReading} (unless it is the caller). */
    public void wake() {
        ReceiveSelector selector = reading;
        if (selector != null && readingThread != Thread.currentThread()) {
            selector.wakeup();
        }
        if (!parked.isEmpty()) {
            for (Thread thread : parked) {
                LockSupport.unpark(thread);
            }
        }
    }
}
