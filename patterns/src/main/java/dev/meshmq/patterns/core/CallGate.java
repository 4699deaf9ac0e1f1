package dev.meshmq.patterns.core;

import dev.meshmq.Message;
import dev.meshmq.SocketStateException;
import dev.meshmq.SocketType;
import dev.meshmq.transport.DirectReceive;
import dev.meshmq.transport.ReceiveSelector;
import java.time.Duration;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * The way into a socket's calls and the waiting inside them: who may enter ({@link SocketOwnership}),
 * and the loops that repeat one attempt of the pattern to send or receive, handling link events
 * between the tries, until it succeeds, the timeout passes or the socket closes. Also the poller's
 * readiness checks, with the message a receive check took held for the next receive.
 *
 * <p>Thread-safety: every method may be called from any thread; it enters the socket first, so a
 * classic socket refuses a second thread with {@link IllegalStateException} and a thread-safe one
 * (CLIENT, SERVER) serialises the callers with its lock, released while waiting.
 */
final class CallGate {

    private static final long FOREVER = Timeouts.FOREVER;

    private final SocketBase socket;
    private final LinkEvents events;
    private final SocketCounters counters;
    private final SocketOwnership ownership;
    /** Whether a direct-reading wait is over: an event came or the socket closed (one instance, not one per wait). */
    private final BooleanSupplier eventOrClosed;
    /** A message taken by a poller's readiness check, handed out by the next receive. */
    private Message lookahead;

    CallGate(SocketBase socket, SocketType type, LinkEvents events, SocketCounters counters) {
        this.socket = socket;
        this.events = events;
        this.counters = counters;
        this.ownership = new SocketOwnership(type);
        this.eventOrClosed = () -> !events.inbox().isEmpty() || socket.isClosed();
    }

    /** Enters the socket: takes the lock, or claims the single-owner slot. */
    void enter() {
        ownership.enter();
    }

    /** Leaves the socket. */
    void exit() {
        ownership.exit();
    }

    /**
     * Enters the socket for the async API if that needs no waiting: no other thread is inside.
     *
     * @return true if entered; {@link #exit()} must follow
     */
    boolean tryEnter() {
        return ownership.tryEnter();
    }

    /**
     * The async API's send: one attempt by a thread that entered with {@link #tryEnter()}.
     *
     * @param message the message
     * @return true if the pattern took it; false if it must wait for a link event, as a blocking send would
     */
    boolean sendEntered(Message message) {
        socket.checkOpen();
        processEvents();
        if (socket.attemptSend(message)) {
            counters.sent();
            return true;
        }
        return false;
    }

    /**
     * The async API's receive: one attempt by a thread that entered with {@link #tryEnter()}.
     *
     * @return the message, or null if none is ready
     */
    Message receiveEntered() {
        socket.checkOpen();
        processEvents();
        Message message = lookahead != null ? lookahead : socket.attemptReceive();
        lookahead = null;
        if (message != null) {
            counters.received();
        }
        return message;
    }

    /** A poller's check: can a message be received without waiting? Owner thread. */
    boolean pollReceivable() {
        enter();
        try {
            processEvents();
            if (lookahead == null) {
                try {
                    lookahead = socket.attemptReceive();
                } catch (SocketStateException e) {
                    return false;
                }
            }
            return lookahead != null;
        } finally {
            exit();
        }
    }

    /** A poller's check: can a message be sent without waiting? Owner thread. */
    boolean pollSendable() {
        enter();
        try {
            processEvents();
            return socket.canSendNow();
        } finally {
            exit();
        }
    }

    /**
     * Sends, retrying until the pattern takes the message or the timeout passes.
     *
     * @param message the message
     * @param timeout zero for one attempt, null for no limit
     * @return true if sent
     */
    boolean sendWithin(Message message, Duration timeout) {
        Objects.requireNonNull(message, "message");
        long timeoutNanos = Timeouts.toNanos(timeout);
        enter();
        try {
            socket.checkOpen();
            processEvents();
            if (socket.attemptSend(message)) {
                counters.sent();
                return true;
            }
            long deadline = Timeouts.deadline(timeoutNanos);
            while (timeoutNanos != 0 && waitForEvent(deadline)) {
                if (socket.attemptSend(message)) {
                    counters.sent();
                    return true;
                }
            }
            return false;
        } finally {
            exit();
        }
    }

    /**
     * Receives, retrying until a message comes or the timeout passes.
     *
     * @param timeout zero for one attempt, null for no limit
     * @return the message, or null
     */
    Message receiveWithin(Duration timeout) {
        long timeoutNanos = Timeouts.toNanos(timeout);
        enter();
        try {
            socket.checkOpen();
            processEvents();
            Message message = lookahead != null ? lookahead : socket.attemptReceive();
            lookahead = null;
            if (message != null) {
                counters.received();
                return message;
            }
            long deadline = Timeouts.deadline(timeoutNanos);
            while (timeoutNanos != 0 && waitToReceive(deadline)) {
                message = socket.attemptReceive();
                if (message != null) {
                    counters.received();
                    return message;
                }
            }
            return null;
        } finally {
            exit();
        }
    }

    /** Handles link events until {@code condition} holds (true) or the timeout passes (false; zero: one check). */
    boolean awaitCondition(BooleanSupplier condition, Duration timeout) {
        long timeoutNanos = Timeouts.toNanos(timeout);
        enter();
        try {
            socket.checkOpen();
            processEvents();
            long deadline = Timeouts.deadline(timeoutNanos);
            while (!condition.getAsBoolean()) {
                if (timeoutNanos == 0 || !waitForEvent(deadline)) {
                    return false;
                }
            }
            return true;
        } finally {
            exit();
        }
    }

    /** Runs {@code action} as the socket's one user, after handling pending link events. */
    void runAsOwner(Runnable action) {
        awaitCondition(() -> {
            action.run();
            return true;
        }, Duration.ZERO);
    }

    /** Waits for an event or the deadline; handles the events; false once the deadline passed. */
    private boolean waitForEvent(long deadline) {
        if (deadline != FOREVER && System.nanoTime() - deadline >= 0) {
            return false;
        }
        ownership.await(events.inbox(), deadline, socket::isClosed);
        socket.checkOpen();
        processEvents();
        return true;
    }

    /**
     * Waits as {@link #waitForEvent} does; a classic socket whose one link is a tcp or ipc connection that offers
     * direct reads reads it itself meanwhile ({@link DirectReceive}): the reply wakes this thread, not the I/O thread.
     */
    private boolean waitToReceive(long deadline) {
        DirectReceive direct = ownership.isSingleOwner() ? events.soleDirectReceive() : null;
        if (direct == null || deadline != FOREVER && System.nanoTime() - deadline >= 0) {
            return waitForEvent(deadline);
        }
        ReceiveSelector selector = events.receiveSelector();
        if (!direct.begin(selector)) {
            return waitForEvent(deadline);
        }
        try {
            events.inbox().awaitReading(deadline, eventOrClosed, direct, selector);
        } finally {
            direct.end();
        }
        socket.checkOpen();
        processEvents();
        return true;
    }

    private void processEvents() {
        if (events.processEvents()) {
            ownership.eventsHandled(events.inbox());
        }
    }
}
