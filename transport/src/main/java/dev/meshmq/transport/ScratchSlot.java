package dev.meshmq.transport;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One encoding buffer per I/O thread that an application thread may borrow for a moment, to write a
 * message to an idle connection itself ({@link DirectSend}). There is one buffer, not one per
 * application thread: a thread that finds it taken goes the usual way through the I/O thread, so
 * the memory stays bounded however many threads send.
 *
 * <p>Thread-safety: safe for any thread; the buffer belongs to whoever took it until it is given back.
 */
final class ScratchSlot {

    /** Large enough for a small message with its headers in one write, small enough to keep per I/O thread. */
    static final int SIZE = 16 * 1024;

    private final AtomicReference<ByteBuffer> free = new AtomicReference<>();
    private volatile boolean allocated;

    /**
     * Takes the buffer, allocating it on first use.
     *
     * @return the cleared buffer, or null if another thread has it
     */
    ByteBuffer take() {
        if (!allocated) {
            synchronized (this) {
                if (!allocated) {
                    free.set(ByteBuffer.allocateDirect(SIZE));
                    allocated = true;
                }
            }
        }
        ByteBuffer buffer = free.getAndSet(null);
        return buffer == null ? null : buffer.clear();
    }

    /**
     * Gives back a buffer from {@link #take}.
     *
     * @param buffer the buffer, no longer used by the caller
     */
    void giveBack(ByteBuffer buffer) {
        free.set(buffer);
    }
}
