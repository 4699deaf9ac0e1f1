package dev.meshmq.patterns;

import dev.meshmq.MeshInterruptedException;
import java.util.concurrent.locks.LockSupport;

/**
 * Parks the thread that owns a socket until something happens to the socket, and unparks it when
 * another thread posts an event. A thread that is not parked is never unparked.
 *
 * <p>Thread-safety: {@link #await} from the socket's caller; {@link #wake} from any thread.
 */
final class Waiter {

    private volatile Thread parked;

    /**
     * Parks until woken, the deadline passes, or the thread is interrupted, unless {@code ready}
     * already says there is work.
     *
     * @param deadlineNanos System.nanoTime() deadline, or Long.MAX_VALUE for none
     * @param ready checked after announcing the wait, so a wake between check and park is not lost
     * @throws MeshInterruptedException if the thread is interrupted; its interrupt status stays set
     */
    void await(long deadlineNanos, java.util.function.BooleanSupplier ready) {
        Thread current = Thread.currentThread();
        parked = current;
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
            parked = null;
        }
    }

    /** Unparks the waiting thread, if any. */
    void wake() {
        Thread thread = parked;
        if (thread != null) {
            LockSupport.unpark(thread);
        }
    }
}
