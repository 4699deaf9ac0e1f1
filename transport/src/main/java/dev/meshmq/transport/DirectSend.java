package dev.meshmq.transport;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Writes a message to the channel from the thread that sent it, when the connection is idle: no hand-over to the
 * I/O thread, so a request or a reply costs one thread wake-up less (on a busy machine each wake-up is a wait for a
 * processor).
 *
 * <p>It is tried when the socket puts a message into an empty pipe that the I/O thread had emptied, and it writes
 * only if all of these hold: the connection finished its handshake and is not ending; the caller is not the I/O
 * thread; the calling thread's previous such attempt, on any connection, began or ended at least
 * {@value #MIN_GAP_MICROS} µs ago (a sender in a burst, or sending one message to many peers, leaves the writing
 * to the I/O thread, which batches many messages per system call); the I/O thread's
 * scratch buffer is free; the output lock is free; nothing is owed to the peer already; and the pipe holds at most
 * {@value #MAX_BYTES} body bytes (larger messages go the I/O thread's way, in large and gathering writes). Then it
 * takes what the pipe holds, encodes it into the scratch buffer and writes it without blocking. Whatever it cannot
 * finish (the channel took only part, the budget ran out, the pipe had no message) it leaves to the I/O thread,
 * whose flush goes on from where this one stopped. A failed write stops direct writes and has the I/O thread close
 * the connection, as its own failed write would; the sending thread sees no exception.
 *
 * <p>Thread-safety: {@link #tryWrite} from any thread; {@link #allow} under the output lock.
 */
final class DirectSend {

    /** Fewest microseconds since the sending thread's last direct attempt for it to write directly again. */
    static final long MIN_GAP_MICROS = 10;

    private static final long MIN_GAP_NANOS = TimeUnit.MICROSECONDS.toNanos(MIN_GAP_MICROS);

    /** Most body bytes waiting in the pipe for a direct write (half the scratch buffer, for the headers). */
    static final int MAX_BYTES = ScratchSlot.SIZE / 2;

    /** Bytes one direct flush writes at most; the I/O thread writes the rest. */
    private static final long BUDGET_BYTES = ScratchSlot.SIZE;

    private final IoThread io;
    private final EngineOutput output;
    private final ReentrantLock lock;
    /** Closes the connection on its I/O thread for the reason given. */
    private final Consumer<String> closeLater;
    private volatile boolean allowed;

    /**
     * When the calling thread last attempted or finished a direct write, on any connection: the gap is the
     * sender's, not the connection's, so that a thread sending to many peers (a PUB's fan-out, a PUSH's
     * round robin) does not write to each of them in turn because its own writes spaced them out.
     */
    private static final ThreadLocal<long[]> LAST_ATTEMPT = ThreadLocal.withInitial(() -> new long[] {Long.MIN_VALUE});

    DirectSend(IoThread io, EngineOutput output, ReentrantLock lock, Consumer<String> closeLater) {
        this.io = io;
        this.output = output;
        this.lock = lock;
        this.closeLater = closeLater;
    }

    /** Under the output lock: whether application threads may write from now on. */
    void allow(boolean allowedNow) {
        allowed = allowedNow;
    }

    /**
     * Writes what the pipe holds, if the rules above allow it and it all goes.
     *
     * @param outbound the connection's outbound pipe, whose writer the caller is
     * @return true if every message taken was written in full; false if the I/O thread must flush
     */
    boolean tryWrite(Pipe outbound) {
        if (!allowed || io.isCurrentThread()) {
            return false;
        }
        long[] last = LAST_ATTEMPT.get();
        long now = System.nanoTime();
        long previous = last[0];
        last[0] = now;
        if (previous != Long.MIN_VALUE && now - previous < MIN_GAP_NANOS) {
            return false;
        }
        ScratchSlot slot = io.scratch();
        ByteBuffer scratch = slot.take();
        if (scratch == null) {
            return false;
        }
        try {
            return writeLocked(scratch, outbound);
        } finally {
            slot.giveBack(scratch);
            last[0] = System.nanoTime();
        }
    }

    @SuppressWarnings("checkstyle:IllegalCatch")
    private boolean writeLocked(ByteBuffer scratch, Pipe outbound) {
        if (!lock.tryLock()) {
            return false;
        }
        try {
            // the pipe's bytes not taken yet (replayed subscriptions, not from the pipe, make it an underestimate)
            if (!allowed || !output.isIdle() || outbound.bytesWritten() - output.bytesTaken() > MAX_BYTES) {
                return false;
            }
            long before = output.messagesTaken();
            EngineOutput.Flush result = output.flushInto(scratch, BUDGET_BYTES);
            return result == EngineOutput.Flush.DRAINED && output.messagesTaken() != before;
        } catch (IOException e) {
            allowed = false;
            closeLater.accept("write failed: " + e.getMessage());
            return false;
        } catch (RuntimeException e) {
            // a defect here must not reach the application's send: the connection pays for it, as on its I/O thread
            allowed = false;
            closeLater.accept("internal error in a direct write: " + e);
            return false;
        } finally {
            lock.unlock();
        }
    }
}
