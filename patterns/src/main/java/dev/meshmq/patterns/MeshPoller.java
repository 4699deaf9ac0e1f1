package dev.meshmq.patterns;

import dev.meshmq.ContextClosedException;
import dev.meshmq.MessageReceiver;
import dev.meshmq.MessageSender;
import dev.meshmq.Poller;
import dev.meshmq.Socket;
import dev.meshmq.patterns.core.SocketBase;
import dev.meshmq.patterns.core.SocketOptionValues;
import dev.meshmq.patterns.core.Waiter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The {@link Poller} of a {@link MeshContext}: checks each registered socket on the caller thread,
 * and between checks parks on one {@link Waiter} that every registered socket wakes when an event
 * reaches it.
 *
 * <p>Thread-safety: single owner, the thread that owns the registered sockets; {@link #wakeup()} from any
 * thread.
 */
final class MeshPoller implements Poller {

    private final MeshContext context;
    private final Map<SocketBase, Interest> registrations = new LinkedHashMap<>();
    private final Waiter waiter;
    /** Set by {@link #wakeup()} from any thread, cleared by the poll it ends. */
    private volatile boolean wakeupRequested;

    MeshPoller(MeshContext context) {
        this.context = context;
        this.waiter = context.newWaiter();
    }

    @Override
    public Poller register(Socket socket, Interest interest) {
        Objects.requireNonNull(interest, "interest");
        if (!(socket instanceof SocketBase) || ((SocketBase) socket).context() != context) {
            throw new IllegalArgumentException("not a socket of this poller's context: " + socket);
        }
        boolean receive = interest != Interest.SEND;
        boolean send = interest != Interest.RECEIVE;
        if (receive && !(socket instanceof MessageReceiver) || send && !(socket instanceof MessageSender)) {
            throw new IllegalArgumentException("a " + socket.type() + " socket cannot be polled for " + interest);
        }
        SocketBase base = (SocketBase) socket;
        registrations.put(base, interest);
        base.setPollWaiter(waiter);
        return this;
    }

    @Override
    public boolean unregister(Socket socket) {
        if (!(socket instanceof SocketBase)) {
            return false;
        }
        SocketBase base = (SocketBase) socket;
        boolean removed = registrations.remove(base) != null;
        if (removed) {
            base.setPollWaiter(null);
        }
        return removed;
    }

    @Override
    public List<ReadySocket> poll(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must not be negative: " + timeout);
        }
        long deadline = System.nanoTime() + SocketOptionValues.saturatedNanos(timeout);
        while (true) {
            checkContextOpen();
            List<ReadySocket> ready = check();
            checkContextOpen();
            if (!ready.isEmpty() || wakeupRequested || System.nanoTime() - deadline >= 0) {
                wakeupRequested = false;
                return ready;
            }
            // registered only while parked, so that a poller nobody closes is not kept by the context
            context.pollerWaiting(this);
            try {
                waiter.await(deadline, this::anyNews);
            } finally {
                context.pollerAwake(this);
            }
        }
    }

    /** Like every other blocking call, a poll ends when the context closes, before or during it. */
    private void checkContextOpen() {
        if (context.isClosed()) {
            wakeupRequested = false;
            throw new ContextClosedException("the context of this poller was closed");
        }
    }

    @Override
    public void wakeup() {
        wakeupRequested = true;
        waiter.wake();
    }

    private boolean anyNews() {
        if (wakeupRequested || context.isClosed()) {
            return true;
        }
        for (SocketBase socket : registrations.keySet()) {
            if (socket.hasNews()) {
                return true;
            }
        }
        return false;
    }

    private List<ReadySocket> check() {
        List<ReadySocket> ready = new ArrayList<>();
        for (Map.Entry<SocketBase, Interest> entry : registrations.entrySet()) {
            SocketBase socket = entry.getKey();
            if (socket.isClosed()) {
                ready.add(new ReadySocket(socket, false, false, true));
                continue;
            }
            Interest interest = entry.getValue();
            boolean receivable = interest != Interest.SEND && socket.pollReceivable();
            boolean sendable = interest != Interest.RECEIVE && socket.pollSendable();
            if (receivable || sendable) {
                ready.add(new ReadySocket(socket, receivable, sendable, false));
            }
        }
        return ready;
    }

    @Override
    public void close() {
        for (SocketBase socket : registrations.keySet()) {
            socket.setPollWaiter(null);
        }
        registrations.clear();
    }
}
