package dev.meshmq.patterns.core;

import dev.meshmq.Message;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * One socket's pending async operations, in call order, and the loop's attempts at them. Sends go
 * before receives (a REQ's {@code sendAsync} then {@code receiveAsync} works); within each kind the head
 * must complete before the next is tried, so completions come in call order and messages in the order
 * the socket delivers them.
 *
 * <p>Thread-safety: {@link #addSend}, {@link #addReceive} from any thread; {@link #progress} and
 * {@link #failAll} on the async loop's thread only.
 */
final class AsyncSocketQueue {

    /** What one round of attempts left behind. */
    enum Progress {
        /** Nothing pending. */
        IDLE,
        /** Operations pending; a link event of the socket will tell when to try again. */
        WAITING,
        /** Another thread was inside the socket; try again soon. */
        BUSY
    }

    /** A pending send and its message. */
    private static final class Send {
        final AsyncOp<Void> op;
        final Message message;

        Send(AsyncOp<Void> op, Message message) {
            this.op = op;
            this.message = message;
        }
    }

    private final SocketBase socket;
    private final CallGate gate;
    private final LinkEventInbox inbox;
    private final AsyncLoop loop;
    private final Queue<Send> sends = new ConcurrentLinkedQueue<>();
    private final Queue<AsyncOp<Message>> receives = new ConcurrentLinkedQueue<>();

    AsyncSocketQueue(SocketBase socket, CallGate gate, LinkEventInbox inbox, AsyncLoop loop) {
        this.socket = socket;
        this.gate = gate;
        this.inbox = inbox;
        this.loop = loop;
    }

    AsyncOp<Void> addSend(Message message) {
        Send[] added = new Send[1];
        AsyncOp<Void> op = new AsyncOp<>(() -> sends.remove(added[0]));
        added[0] = new Send(op, message);
        sends.add(added[0]);
        loop.schedule(this);
        return op;
    }

    AsyncOp<Message> addReceive() {
        AsyncOp<Message>[] added = newReceiveHolder();
        added[0] = new AsyncOp<>(() -> receives.remove(added[0]));
        receives.add(added[0]);
        loop.schedule(this);
        return added[0];
    }

    @SuppressWarnings("unchecked")
    private static AsyncOp<Message>[] newReceiveHolder() {
        return (AsyncOp<Message>[]) new AsyncOp<?>[1];
    }

    /** Registers (or with null removes) the loop's waiter with the socket, to be woken by its events. */
    void watch(Waiter waiter) {
        inbox.setAsyncWaiter(waiter);
    }

    /** Tries the head operations until one must wait; completes those that can complete now. */
    Progress progress() {
        dropWithdrawn();
        if (sends.isEmpty() && receives.isEmpty()) {
            return Progress.IDLE;
        }
        if (!gate.tryEnter()) {
            return Progress.BUSY;
        }
        List<Runnable> completions = new ArrayList<>();
        try {
            trySends(completions);
            tryReceives(completions);
        } finally {
            gate.exit();
        }
        // Outside the socket, so that a dependent action may use it (a reply sent from thenAccept).
        for (Runnable completion : completions) {
            completion.run();
        }
        dropWithdrawn();
        return sends.isEmpty() && receives.isEmpty() ? Progress.IDLE : Progress.WAITING;
    }

    @SuppressWarnings("checkstyle:IllegalCatch")
    private void trySends(List<Runnable> completions) {
        Send head;
        while ((head = sends.peek()) != null) {
            if (!head.op.beginAttempt()) {
                sends.remove(head);
                continue;
            }
            boolean sent;
            try {
                sent = gate.sendEntered(head.message);
            } catch (RuntimeException e) {
                sends.remove(head);
                AsyncOp<Void> failed = head.op;
                completions.add(() -> failed.fail(e));
                continue;
            }
            if (!sent) {
                head.op.attemptFailed();
                return;
            }
            sends.remove(head);
            head.op.attemptSucceeded();
            AsyncOp<Void> done = head.op;
            completions.add(() -> done.succeed(null));
        }
    }

    @SuppressWarnings("checkstyle:IllegalCatch")
    private void tryReceives(List<Runnable> completions) {
        AsyncOp<Message> head;
        while ((head = receives.peek()) != null) {
            if (!head.beginAttempt()) {
                receives.remove(head);
                continue;
            }
            Message message;
            try {
                message = gate.receiveEntered();
            } catch (RuntimeException e) {
                receives.remove(head);
                AsyncOp<Message> failed = head;
                completions.add(() -> failed.fail(e));
                continue;
            }
            if (message == null) {
                head.attemptFailed();
                return;
            }
            receives.remove(head);
            head.attemptSucceeded();
            AsyncOp<Message> done = head;
            Message received = message;
            completions.add(() -> done.succeed(received));
        }
    }

    /** Drops withdrawn heads; a canceller may remove a head between two looks, so each look is one peek. */
    private void dropWithdrawn() {
        Send send;
        while ((send = sends.peek()) != null && send.op.isWithdrawn()) {
            sends.remove(send);
        }
        AsyncOp<Message> receive;
        while ((receive = receives.peek()) != null && receive.isWithdrawn()) {
            receives.remove(receive);
        }
    }

    /**
     * Fails every pending operation with {@code error}: the loop met a defect while trying this socket,
     * and its callers hear of it rather than wait for ever.
     */
    void failAll(RuntimeException error) {
        Send send;
        while ((send = sends.poll()) != null) {
            send.op.fail(error);
        }
        AsyncOp<Message> receive;
        while ((receive = receives.poll()) != null) {
            receive.fail(error);
        }
    }

    /** Whether a link event waits or the socket closed: worth another round. */
    boolean hasNews() {
        return socket.hasNews();
    }
}
