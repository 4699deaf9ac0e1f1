package dev.meshmq.transport;

import java.io.IOException;
import java.nio.channels.SelectionKey;

/**
 * When and how much a stream connection writes: flushes its {@link EngineOutput} until nothing is owed,
 * the channel is full (then it waits for OP_WRITE) or the write budget is spent (then it yields to the
 * other connections of its I/O thread and goes on in a task of its own, scheduled at most once).
 *
 * <p>Thread-safety: owned by the connection's I/O thread.
 */
final class EngineWriter {

    private static final long WRITE_BUDGET_BYTES = 1024 * 1024;

    private final IoThread io;
    private final EngineOutput output;
    private final StreamEngine engine;
    private final Runnable task;
    private boolean scheduled;

    EngineWriter(IoThread io, EngineOutput output, StreamEngine engine) {
        this.io = io;
        this.output = output;
        this.engine = engine;
        this.task = engine.guarded(this::onScheduled);
    }

    /** Flushes soon, in a task of its own (once, however often asked). */
    void schedule() {
        if (!scheduled) {
            scheduled = true;
            io.execute(task);
        }
    }

    /** Runs the scheduled flush now (the pipe's wake-up). */
    Runnable task() {
        return task;
    }

    private void onScheduled() {
        scheduled = false;
        flush();
    }

    /** Writes what is owed until nothing is left, the channel is full, or the write budget is spent. */
    void flush() {
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
        if (pong) {
            output.setPong(frame);
        } else {
            output.setPing(frame);
        }
        schedule();
    }
}
