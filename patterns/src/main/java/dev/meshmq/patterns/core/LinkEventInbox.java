package dev.meshmq.patterns.core;

import dev.meshmq.transport.DirectReceive;
import dev.meshmq.transport.ReceiveSelector;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.BooleanSupplier;

/**
 * Where a socket's link events arrive from the I/O threads, and who is woken for them: the threads
 * waiting in the socket's own calls, the poller the socket is registered with, if any, and the async
 * loop while the socket has async operations pending.
 *
 * <p>Thread-safety: {@link #post}, {@link #wakeAll}, {@link #setPollWaiter} and {@link #setAsyncWaiter} from
 * any thread;
 * {@link #poll} from the thread that owns the socket at the time; {@link #await} from any thread that
 * uses the socket.
 */
final class LinkEventInbox {

    private final ConcurrentLinkedQueue<LinkEvent> events = new ConcurrentLinkedQueue<>();
    private final Waiter waiter;
    /** A poller this socket is registered with, woken with the owner on every event; may be null. */
    private volatile Waiter pollWaiter;
    /** The async loop's waiter while the socket has async operations pending; may be null. */
    private volatile Waiter asyncWaiter;

    LinkEventInbox(Waiter waiter) {
        this.waiter = waiter;
    }

    /** Queues an event and wakes everyone who may be waiting for one. */
    void post(LinkEvent event) {
        events.add(event);
        wakeAll();
    }

    /** Wakes the threads waiting in the socket's calls and the poller, if any. */
    void wakeAll() {
        waiter.wake();
        Waiter poller = pollWaiter;
        if (poller != null) {
            poller.wake();
        }
        Waiter async = asyncWaiter;
        if (async != null) {
            async.wake();
        }
    }

    /** Registers (or with null removes) the async loop's waiter, woken with the owners on every event. */
    void setAsyncWaiter(Waiter loop) {
        this.asyncWaiter = loop;
    }

    /** Wakes the threads waiting in the socket's own calls (not the poller). */
    void wakeOwners() {
        waiter.wake();
    }

    /** Registers (or with null removes) the poller's waiter, waking it so that it looks at the socket. */
    void setPollWaiter(Waiter poller) {
        this.pollWaiter = poller;
        if (poller != null) {
            poller.wake();
        }
    }

    /** Returns whether no event waits. */
    boolean isEmpty() {
        return events.isEmpty();
    }

    /** Takes the oldest event, or null. */
    LinkEvent poll() {
        return events.poll();
    }

    /** Waits as {@link Waiter#await} does, on the socket's own waiter. */
    void await(long deadlineNanos, BooleanSupplier ready) {
        waiter.await(deadlineNanos, ready);
    }

    /** Waits as {@link Waiter#awaitReading} does, on the socket's own waiter. */
    void awaitReading(long deadlineNanos, BooleanSupplier ready, DirectReceive direct, ReceiveSelector selector) {
        waiter.awaitReading(deadlineNanos, ready, direct, selector);
    }
}
