package dev.meshmq.transport;

import java.io.IOException;
import java.nio.channels.SelectionKey;
import java.util.concurrent.locks.ReentrantLock;

/**
 * When and how much a stream connection writes: flushes its {@link EngineOutput} until nothing is owed,
 * the channel is full (then it waits for OP_WRITE) or the write budget is spent (then it yields to the
 * other connections of its I/O thread and goes on in a task of its own, scheduled at most once).
 * When the socket puts a message into the pipe of an idle connection, {@link DirectSend} may write it
 * from the sending thread instead of waking the I/O thread.
 *
 * <p>Thread-safety: owned by the connection's I/O thread, except {@link #onOutboundReadable} (any
 * thread). Every use of the {@link EngineOutput} holds one lock: the I/O thread waits for it, an
 * application thread only tries it.
 */
final class EngineWriter {

    private static final long WRITE_BUDGET_BYTES = 1024 * 1024;

    private final IoThread io;
    private final EngineOutput output;
    private final StreamEngine engine;
    private final Runnable task;
    private final ReentrantLock lock = new ReentrantLock();
    private final DirectSend direct;
    private boolean scheduled;

    EngineWriter(IoThread io, EngineOutput output, StreamEngine engine) {
        this.io = io;
        this.output = output;
        this.engine = engine;
        this.task = engine.guarded(this::onScheduled);
        this.direct = new DirectSend(io, output, lock,
                reason -> io.execute(engine.guarded(() -> engine.close(reason))));
    }

    /** Runs {@code action} holding the lock every use of the output holds. I/O thread only. */
    void underLock(Runnable action) {
        lock.lock();
        try {
            action.run();
        } finally {
            lock.unlock();
        }
    }

    /**
     * The pipe's reader wake-up: the socket put a message into the pipe after this connection had
     * emptied it. Writes it from the calling thread if {@link DirectSend} may, else wakes the I/O
     * thread. Any thread.
     *
     * @param outbound the pipe
     */
    void onOutboundReadable(Pipe outbound) {
        if (!direct.tryWrite(outbound)) {
            io.execute(task);
        }
    }

    /**
     * Lets application threads write to this connection themselves from now on ({@code true}: the
     * handshake is done), or stops them ({@code false}: the connection is ending). I/O thread only.
     *
     * @param allowed whether they may
     */
    void allowDirect(boolean allowed) {
        lock.lock();
        try {
            direct.allow(allowed);
        } finally {
            lock.unlock();
        }
    }

    /** Flushes soon, in a task of its own (once, however often asked). */
    void schedule() {
        if (!scheduled) {
            scheduled = true;
            io.execute(task);
        }
    }

    private void onScheduled() {
        scheduled = false;
        flush();
    }

    /** Writes what is owed until nothing is left, the channel is full, or the write budget is spent. */
    void flush() {
        lock.lock();
        try {
            flushLocked();
        } finally {
            lock.unlock();
        }
    }

    private void flushLocked() {
        StreamEngine.State state = engine.state();
        if (state == StreamEngine.State.CLOSED) {
            return;
        }
        EngineOutput.Flush result;
        try {
            result = output.flush(WRITE_BUDGET_BYTES, state == StreamEngine.State.ACTIVE);
        } catch (IOException e) {
            engine.close("write failed: " + e.getMessage());
            return;
        }
        if (engine.state() == StreamEngine.State.CLOSED) {
            return;
        }
        engine.setInterest(SelectionKey.OP_WRITE, result == EngineOutput.Flush.BLOCKED);
        if (result == EngineOutput.Flush.BUDGET_SPENT) {
            schedule();
        } else if (result == EngineOutput.Flush.DRAINED) {
            engine.closeIfTerminatedAndDrained();
        }
    }

    /**
     * Heartbeat: sends a PING, or a PONG, at the next message boundary, replacing one of the same kind
     * not sent yet.
     *
     * @param frame the encoded command
     * @param pong true for a PONG
     */
    void sendHeartbeat(byte[] frame, boolean pong) {
        lock.lock();
        try {
            if (pong) {
                output.setPong(frame);
            } else {
                output.setPing(frame);
            }
        } finally {
            lock.unlock();
        }
        schedule();
    }
}
