package dev.meshmq.transport;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;

/**
 * The codec buffers of one I/O thread, so that a connection costs no large buffer while it is idle.
 *
 * <p>Every connection of the thread reads into the one shared input buffer and encodes into the one
 * shared output buffer; neither holds bytes between two calls of a connection, so they can be
 * shared. A connection keeps bytes of its own only when it cannot finish: input it cannot decode
 * yet because its socket is slow (a heap copy of just those bytes), and output the channel did not
 * take (a buffer borrowed from this pool until the channel has taken it all). The pool keeps at most
 * {@value #POOLED_DIRECT_BUFFERS} direct buffers, allocated once and reused; beyond that a borrower
 * gets a heap buffer, so direct memory per I/O thread is bounded whatever the peers do, and no
 * accept or handshake allocates a direct buffer.
 *
 * <p>Thread-safety: owned by its I/O thread; not thread-safe.
 */
final class IoBuffers {

    /** Size of each codec buffer in bytes. */
    static final int BUFFER_SIZE = 64 * 1024;

    /** Direct buffers kept for connections whose output is waiting for the channel. */
    static final int POOLED_DIRECT_BUFFERS = 32;

    private final ArrayDeque<ByteBuffer> idleDirect = new ArrayDeque<>();
    private ByteBuffer input;
    private ByteBuffer output;
    private int directAllocated;

    /**
     * Returns the shared input buffer, cleared. The caller must leave nothing in it it still needs.
     *
     * @return the buffer, in fill mode
     */
    ByteBuffer input() {
        if (input == null) {
            input = ByteBuffer.allocateDirect(BUFFER_SIZE);
        }
        return input.clear();
    }

    /**
     * Returns the shared output buffer, cleared. The caller must leave nothing in it it still needs.
     *
     * @return the buffer, in fill mode
     */
    ByteBuffer output() {
        if (output == null) {
            output = ByteBuffer.allocateDirect(BUFFER_SIZE);
        }
        return output.clear();
    }

    /**
     * Lends an output buffer to a connection whose channel did not take all its bytes.
     *
     * @return an empty buffer of {@link #BUFFER_SIZE} bytes, direct while the pool allows
     */
    ByteBuffer borrow() {
        ByteBuffer pooled = idleDirect.poll();
        if (pooled != null) {
            return pooled.clear();
        }
        if (directAllocated < POOLED_DIRECT_BUFFERS) {
            directAllocated++;
            return ByteBuffer.allocateDirect(BUFFER_SIZE);
        }
        return ByteBuffer.allocate(BUFFER_SIZE);
    }

    /**
     * Takes back a buffer from {@link #borrow}; heap buffers are left to the collector.
     *
     * @param buffer the buffer, no longer used by the borrower
     */
    void giveBack(ByteBuffer buffer) {
        if (buffer.isDirect()) {
            idleDirect.push(buffer.clear());
        }
    }

    /**
     * Returns how many direct buffers this pool has allocated, for tests.
     *
     * @return the count, at most {@link #POOLED_DIRECT_BUFFERS}
     */
    int directBuffersAllocated() {
        return directAllocated;
    }
}
