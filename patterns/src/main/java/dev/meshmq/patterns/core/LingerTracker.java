package dev.meshmq.patterns.core;

import dev.meshmq.MeshInterruptedException;
import dev.meshmq.MonitorEvent;
import dev.meshmq.MonitorEventType;
import dev.meshmq.SocketType;
import dev.meshmq.patterns.monitor.MonitorSlot;
import dev.meshmq.transport.PeerInfo;
import dev.meshmq.transport.PeerLink;
import dev.meshmq.transport.SafeLogger;
import java.lang.System.Logger.Level;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The links of one socket that are still sending what was queued on them after the socket closed
 * them (on close, or on disconnect), and what became of them: each reports, once, how many of its
 * messages were not delivered. Discards are counted in the socket's statistics, sent to its monitor
 * as {@link MonitorEventType#DISCARDED_AT_CLOSE} and logged as a WARNING, so that no message is lost
 * silently at close. {@link dev.meshmq.Socket#closeAndAwaitDelivery(java.time.Duration)} and the context's
 * close wait here.
 *
 * <p>Thread-safety: safe for any thread. Links report from I/O threads (or, for inproc, the thread
 * that closes the link); the state is guarded by one {@link ReentrantLock}, and waiters block on its
 * {@link Condition}, not on a monitor, so a virtual thread waiting in
 * {@link dev.meshmq.Socket#closeAndAwaitDelivery} does not pin its carrier thread (as
 * {@code Object.wait} inside {@code synchronized} does before JDK 24).
 */
public final class LingerTracker {

    /** The logger's name: the class's name before the patterns package was split, kept for logging configurations. */
    public static final String LOGGER_NAME = "dev.meshmq.patterns.LingerTracker";
    private static final System.Logger LOG = SafeLogger.named(LOGGER_NAME);
    /** Time allowed past the linger for the transport to report the last link. */
    private static final long REPORT_MARGIN_NANOS = 1_000_000_000L;

    private final String socketName;
    /** False for a SUB socket, whose outbound queue holds only subscriptions, not messages to count. */
    private final boolean sendsMessages;
    private final SocketCounters counters;
    private final MonitorSlot monitor;
    private final ReentrantLock lock = new ReentrantLock();
    /** Signalled whenever the socket finishes closing or a link reports. */
    private final Condition changed = lock.newCondition();
    /** Links closed by the socket that have not reported yet; guarded by lock. */
    private final Set<PeerLink> pending = new HashSet<>();
    /** Reports being announced right now, so the monitor does not stop before their event; guarded by lock. */
    private int announcing;
    /** Messages not delivered, over every link closed so far; guarded by lock. */
    private long discarded;
    private long lingerNanos;
    /** When the socket closed plus its linger and a margin; Timeouts.FOREVER for an unlimited linger. */
    private volatile long reportDeadlineNanos = Timeouts.FOREVER;
    /** Told once when the socket is closed and nothing lingers any more; guarded by lock. */
    private Runnable whenIdle;
    /** Why {@link #expire} gave up on the links left, or null; guarded by lock. */
    private String expiredBecause;
    /** The socket finished closing: every link it closed is tracked; guarded by lock. */
    private boolean closeDone;

    LingerTracker(SocketType type, SocketCounters counters, MonitorSlot monitor) {
        this.socketName = type.name();
        this.sendsMessages = type != SocketType.SUB;
        this.counters = counters;
        this.monitor = monitor;
    }

    /**
     * Follows a link the socket has just closed (its writing end closed, terminate called or about to be).
     *
     * @param link the link
     * @param linger the linger it was given, in nanoseconds
     */
    void track(PeerLink link, long linger) {
        if (!sendsMessages) {
            return;
        }
        lock.lock();
        try {
            lingerNanos = linger;
            if (!pending.add(link)) {
                return;
            }
        } finally {
            lock.unlock();
        }
        boolean first = link.whenFinished(undelivered -> finished(link, undelivered, reason()));
        if (!first) {
            finished(link, 0, "");   // followed before (unbind, then close): its outcome is counted once
        }
    }

    /**
     * Follows the links accepted at an endpoint the socket has just unbound: their connections linger.
     *
     * @param links the socket's links
     * @param endpoint the resolved endpoint the links carry; null (inproc) for none
     * @param linger the linger they were given, in nanoseconds
     */
    void trackAccepted(Iterable<PeerLink> links, String endpoint, long linger) {
        if (endpoint == null) {
            return;
        }
        for (PeerLink link : links) {
            if (endpoint.equals(link.endpoint())) {
                track(link, linger);
            }
        }
    }

    /**
     * The socket closed: from now on {@code whenIdle} runs once nothing lingers.
     *
     * @param linger the socket's linger in nanoseconds
     * @param idle runs once (on some thread) when the last link has reported
     */
    void socketClosed(long linger, Runnable idle) {
        boolean idleNow;
        lock.lock();
        try {
            lingerNanos = linger;
            long limit = linger >= Long.MAX_VALUE / 4 ? Timeouts.FOREVER : linger + REPORT_MARGIN_NANOS;
            reportDeadlineNanos = Timeouts.deadline(limit);
            whenIdle = idle;
            closeDone = true;
            idleNow = isIdle();
            if (idleNow) {
                whenIdle = null;
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        if (idleNow) {
            idle.run();
        }
    }

    /** Returns when, at the latest, every link should have reported: the socket's close plus its linger. */
    public long reportDeadlineNanos() {
        return reportDeadlineNanos;
    }

    /** Returns whether the socket is still closing, a link still lingers or a discard is being announced. */
    public boolean isLingering() {
        lock.lock();
        try {
            return !(closeDone && isIdle());
        } finally {
            lock.unlock();
        }
    }

    /** Lock held. */
    private boolean isIdle() {
        return pending.isEmpty() && announcing == 0;
    }

    /**
     * Waits until the socket has finished closing (another thread may be at it) and every link it
     * closed has reported, or the deadline.
     *
     * @param deadlineNanos a System.nanoTime() deadline, or Timeouts.FOREVER
     * @param interruptible whether an interrupt ends the wait (with MeshInterruptedException)
     * @return true if every link reported and none discarded anything
     */
    public boolean await(long deadlineNanos, boolean interruptible) {
        boolean interrupted = false;
        lock.lock();
        try {
            while (!(closeDone && isIdle())) {
                long left = deadlineNanos - System.nanoTime();
                if (deadlineNanos != Timeouts.FOREVER && left <= 0) {
                    return false;
                }
                try {
                    if (deadlineNanos == Timeouts.FOREVER) {
                        changed.await();
                    } else {
                        changed.awaitNanos(left);
                    }
                } catch (InterruptedException e) {
                    if (interruptible) {
                        Thread.currentThread().interrupt();
                        throw new MeshInterruptedException("interrupted while waiting for the linger to end");
                    }
                    interrupted = true;
                }
            }
            return discarded == 0;
        } finally {
            lock.unlock();
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Gives up on the links that have not reported: their queued messages count as discarded. Called
     * when the context stops its I/O threads before they finished.
     *
     * @param reason why, for the event and the log
     */
    public void expire(String reason) {
        List<PeerLink> left;
        lock.lock();
        try {
            expiredBecause = reason;
            left = List.copyOf(pending);
        } finally {
            lock.unlock();
        }
        for (PeerLink link : left) {
            link.abandon();   // reports through the listener set in track, so peer statistics count it too
        }
    }

    private String reason() {
        lock.lock();
        try {
            if (expiredBecause != null) {
                return expiredBecause;
            }
            return "LINGER " + lingerText() + " ended, or the connection ended, before they were sent";
        } finally {
            lock.unlock();
        }
    }

    private void finished(PeerLink link, long undelivered, String reason) {
        lock.lock();
        try {
            if (!pending.remove(link)) {
                return;
            }
            announcing++;
        } finally {
            lock.unlock();
        }
        try {
            if (undelivered > 0) {
                announce(link, undelivered, reason);
            }
        } finally {
            Runnable idle = null;
            lock.lock();
            try {
                announcing--;
                discarded += undelivered;
                if (isIdle()) {
                    idle = whenIdle;
                    whenIdle = null;
                    changed.signalAll();
                }
            } finally {
                lock.unlock();
            }
            if (idle != null) {
                monitor.lingerEnded();
                idle.run();
            }
        }
    }

    private void announce(PeerLink link, long undelivered, String reason) {
        counters.discardedAtClose(undelivered);
        PeerInfo peer = link.peer();
        String remote = peer == null ? "" : peer.remoteAddress();
        monitor.offer(new MonitorEvent(MonitorEventType.DISCARDED_AT_CLOSE, link.endpoint(), "", remote, new byte[0],
                undelivered, reason));
        LOG.log(Level.WARNING, "{0} socket discarded {1} message(s) queued for {2} at close: {3}", socketName,
                undelivered, link.endpoint(), reason);
    }

    /** Lock held. */
    private String lingerText() {
        return lingerNanos >= Long.MAX_VALUE / 4 ? "unlimited" : lingerNanos / 1_000_000 + " ms";
    }
}
